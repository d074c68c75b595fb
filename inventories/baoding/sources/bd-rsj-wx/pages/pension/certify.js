const { api } = require('../../utils/request')

Page({
  certify() {
    wx.startFacialRecognitionVerify({
      name: this.data.name,
      idCardNumber: this.data.idNumber,
      success: (res) => api.post('/pension/certify', { verifyResult: res.verifyResult }),
    })
  },
})
