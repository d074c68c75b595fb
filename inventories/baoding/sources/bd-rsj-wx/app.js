// 示例数据：虚构（illustrative）
const { login } = require('./utils/auth')
const { api } = require('./utils/request')

App({
  globalData: { token: '' },
  async onLaunch() {
    const { code } = await login()
    const res = await api.post('/auth/wxlogin', { code })
    this.globalData.token = res.token
  },
})
