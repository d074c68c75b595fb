const { sbk } = require('../../utils/request')
const { sbkBase } = require('../../config/env')

Page({
  async photo() {
    const res = await new Promise((resolve) => wx.chooseMedia({ count: 1, mediaType: ['image'], success: resolve }))
    wx.uploadFile({ url: `${sbkBase}/card/photo`, filePath: res.tempFiles[0].tempFilePath, name: 'photo' })
  },
  submit(form) {
    return sbk.post('/card/apply', form.detail.value)
  },
})
