const { sbk } = require('../../utils/request')

Page({
  data: { status: '' },
  async onShow() {
    wx.showLoading({ title: '查询中' })
    const res = await sbk.get('/card/status')
    this.setData({ status: res.status })
    wx.hideLoading()
  },
})
