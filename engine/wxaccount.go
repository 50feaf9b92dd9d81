package engine

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/dop251/goja"

	"miniphone/engine/jsrt"
	"miniphone/engine/netsim"
	"miniphone/engine/wxapi"
	"miniphone/protocol"
)

// account is what a phone keeps about its user and one app: the login
// session and the permissions granted. It outlives the app's runs.
type account struct {
	loggedIn bool
	loginAt  int64           // phone time of the last wx.login, ms
	auth     map[string]bool // scope → granted (false: refused)
}

// scopes are the permissions wx.authorize asks for, with the words of
// WeChat's dialog.
var scopes = map[string]string{
	"scope.userLocation":           "获取你的地理位置",
	"scope.userFuzzyLocation":      "获取你的模糊地理位置",
	"scope.userLocationBackground": "在后台使用你的地理位置",
	"scope.record":                 "使用你的麦克风",
	"scope.camera":                 "使用你的摄像头",
	"scope.writePhotosAlbum":       "保存图片或视频到你的相册",
	"scope.bluetooth":              "使用你的蓝牙",
	"scope.werun":                  "获取你的微信运动步数",
	"scope.addPhoneContact":        "添加到联系人",
	"scope.addPhoneCalendar":       "添加到日历",
	"scope.address":                "获取你的通讯地址",
	"scope.invoice":                "获取你的发票",
	"scope.invoiceTitle":           "获取你的发票抬头",
}

// addAccountAPIs: login, the session, permissions and the user's profile.
func addAccountAPIs(h handlers) {
	h["login"] = wxapi.AsyncFunc((*wxAPIs).login)
	h["checkSession"] = wxapi.AsyncFunc((*wxAPIs).checkSession)
	h["authorize"] = wxapi.AsyncFunc((*wxAPIs).authorize)
	h["getSetting"] = wxapi.AsyncFunc(func(a *wxAPIs, opts *goja.Object, reply jsrt.Reply) {
		reply(a.settings(boolean(opts, "withSubscriptions", false)), nil)
	})
	h["openSetting"] = wxapi.AsyncFunc(func(a *wxAPIs, opts *goja.Object, reply jsrt.Reply) {
		// The settings page opens and the user changes nothing.
		a.inst.Log("open-setting", "")
		reply(a.settings(boolean(opts, "withSubscriptions", false)), nil)
	})
	h["getUserProfile"] = wxapi.AsyncFunc(func(a *wxAPIs, opts *goja.Object, reply jsrt.Reply) {
		if _, err := stringParam(opts, "desc"); err != nil {
			reply(nil, err)
			return
		}
		a.inst.Log("user-profile", a.inst.r.p.user)
		reply(a.userInfo(), nil)
	})
	h["getUserInfo"] = wxapi.AsyncFunc(func(a *wxAPIs, _ *goja.Object, reply jsrt.Reply) {
		a.inst.Log("user-info", a.inst.r.p.user)
		reply(a.userInfo(), nil)
	})
}

// login asks the platform for a code, which the app's backend trades
// through jscode2session within five minutes, once.
func (a *wxAPIs) login(_ *goja.Object, reply jsrt.Reply) {
	inst, r := a.inst, a.inst.r
	now := r.p.w.Now().UnixMilli()
	q := url.Values{"appid": {r.appid}, "user": {r.p.user}, "timestamp": {strconv.FormatInt(now, 10)}}
	r.request("/login?"+q.Encode(), func(res netsim.Result) {
		if !inst.alive {
			return
		}
		code, err := loginAnswer(res)
		if err != nil {
			inst.Log("login.fail", err.Error())
			reply(nil, err)
			return
		}
		r.account.loggedIn, r.account.loginAt = true, now
		inst.Log("login", "code="+code)
		reply(map[string]any{"code": code}, nil)
	})
}

func loginAnswer(res netsim.Result) (string, error) {
	if err := resultError(res); err != nil {
		return "", err
	}
	var ans protocol.LoginAnswer
	if err := json.Unmarshal(res.Body, &ans); err != nil || ans.Code == "" {
		return "", fmt.Errorf("malformed login answer: %q", res.Body)
	}
	return ans.Code, nil
}

// checkSession: the session of the last wx.login holds for
// Settings.SessionLifetime of phone time.
func (a *wxAPIs) checkSession(_ *goja.Object, reply jsrt.Reply) {
	r := a.inst.r
	lifetime := r.p.w.settings.SessionLifetime.Milliseconds()
	if !r.account.loggedIn || r.p.w.Now().UnixMilli()-r.account.loginAt > lifetime {
		reply(nil, errors.New("session time out, need relogin"))
		return
	}
	reply(nil, nil)
}

// authorize asks the user, in WeChat's dialog, for a permission the app
// does not hold yet; an answer is remembered, so that a refused scope
// fails at once until the user changes it.
func (a *wxAPIs) authorize(opts *goja.Object, reply jsrt.Reply) {
	inst, r := a.inst, a.inst.r
	scope := str(opts, "scope", "")
	desc, ok := scopes[scope]
	switch {
	case scope == "scope.userInfo":
		reply(nil, errors.New("scope.userInfo is not granted this way: use wx.getUserProfile"))
		return
	case !ok:
		reply(nil, fmt.Errorf("invalid scope %q", scope))
		return
	}
	if granted, asked := r.account.auth[scope]; asked {
		if granted {
			reply(nil, nil)
		} else {
			reply(nil, errors.New("auth deny"))
		}
		return
	}
	v := ModalView{Title: r.title() + " 申请", Content: desc, ShowCancel: true, CancelText: "拒绝", ConfirmText: "允许"}
	inst.showModal(&modal{view: v, reply: func(allow bool) {
		if r.account.auth == nil {
			r.account.auth = map[string]bool{}
		}
		r.account.auth[scope] = allow
		if !allow {
			inst.Log("authorize", scope+" denied")
			reply(nil, errors.New("auth deny"))
			return
		}
		inst.Log("authorize", scope+" granted")
		reply(nil, nil)
	}})
}

// settings is what getSetting answers: the scopes the user answered.
func (a *wxAPIs) settings(withSubscriptions bool) map[string]any {
	auth := map[string]any{}
	for scope, granted := range a.inst.r.account.auth {
		auth[scope] = granted
	}
	res := map[string]any{"authSetting": auth}
	if withSubscriptions {
		res["subscriptionsSetting"] = map[string]any{"mainSwitch": true, "itemSettings": map[string]any{}}
	}
	return res
}

// userInfo is the phone's user as getUserProfile answers: the user's name
// as nickname, a made-up avatar, and signed data that only looks like
// WeChat's (a backend cannot decrypt it).
func (a *wxAPIs) userInfo() map[string]any {
	user := a.inst.r.p.user
	info := map[string]any{
		"nickName":  user,
		"avatarUrl": "https://miniphone.invalid/avatar/" + url.PathEscape(user) + ".png",
		"gender":    0,
		"country":   "",
		"province":  "",
		"city":      "",
		"language":  "zh_CN",
	}
	raw, _ := json.Marshal(info)
	sum := sha1.Sum(raw)
	return map[string]any{
		"userInfo":      info,
		"rawData":       string(raw),
		"signature":     hex.EncodeToString(sum[:]),
		"encryptedData": base64.StdEncoding.EncodeToString(raw),
		"iv":            base64.StdEncoding.EncodeToString(sum[:16]),
	}
}
