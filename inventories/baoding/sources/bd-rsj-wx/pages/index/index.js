Page({
  onPhone(e) {
    // 手机号授权后交给后端解密
    return require('../../utils/request').api.post('/auth/phone', { code: e.detail.code })
  },
  subscribe() {
    wx.requestSubscribeMessage({ tmplIds: ['sbk-progress'] })
  },
})
