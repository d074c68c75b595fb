const promisify = (fn) => (options = {}) => new Promise((resolve, reject) => fn({ ...options, success: resolve, fail: reject }))

module.exports = {
  login: promisify(wx.login),
  checkSession: promisify(wx.checkSession),
}
