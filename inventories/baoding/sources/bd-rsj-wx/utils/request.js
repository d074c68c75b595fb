const env = require('../config/env')

// 统一请求封装：base + url 转发给 wx.request，附带登录令牌
function request({ base, url, method = 'GET', data }) {
  return new Promise((resolve, reject) => {
    wx.request({
      url: base + url,
      method,
      data,
      header: { Authorization: 'Bearer ' + (getApp().globalData.token || '') },
      success: (res) => resolve(res.data),
      fail: reject,
    })
  })
}

module.exports = {
  sbk: {
    get: (url, data) => request({ base: env.sbkBase, url, data }),
    post: (url, data) => request({ base: env.sbkBase, url, data, method: 'POST' }),
  },
  api: {
    post: (url, data) => request({ base: env.apiBase, url, data, method: 'POST' }),
  },
}
