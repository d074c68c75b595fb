const { sbk } = require('../../utils/request')

Page({
  async download(year) {
    const record = await sbk.get(`/insured/rights-record?year=${year}`)
    wx.downloadFile({
      url: record.pdfUrl,
      success: (res) => wx.openDocument({ filePath: res.tempFilePath, fileType: 'pdf' }),
    })
  },
})
