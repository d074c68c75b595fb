const { jiuyeBase } = require('../../config/env')

// 就业登记：旧系统只接受表单提交
Page({
  submit(form) {
    wx.request({
      url: jiuyeBase + '/jydj/save.asp',
      method: 'POST',
      header: { 'content-type': 'application/x-www-form-urlencoded' },
      data: form.detail.value,
    })
  },
})
