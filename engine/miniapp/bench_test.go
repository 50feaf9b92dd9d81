package miniapp

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"miniphone/engine/compile"
)

// benchProject writes a project of 300 files as DevTools users lay one
// out: 50 pages (script, WXML, json, style), 96 modules, half of them
// TypeScript, each a few kilobytes of ES module code, and the app.
func benchProject(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	write := func(p, s string) {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	const pages, modules = 50, 96
	var routes []string
	for i := range pages {
		route := fmt.Sprintf("pages/p%d/index", i)
		routes = append(routes, `"`+route+`"`)
		write(route+".js", fmt.Sprintf(`import { format%d } from '../../utils/m%d'
import { fetchList } from '../../utils/m%d'

Page({
  data: { title: '页面 %d', items: [], loading: false },
  async onLoad(query) {
    this.setData({ loading: true })
    const items = await fetchList(query?.id ?? 0)
    this.setData({ items: items.map((it) => ({ ...it, label: format%d(it.name) })), loading: false })
  },
  onTap(e) {
    const { id } = e.currentTarget.dataset
    wx.navigateTo({ url: '/pages/p%d/index?id=' + id })
  },
})
`, i%modules, i%modules, (i+1)%modules, i, i%modules, (i+1)%pages))
		write(route+".wxml", fmt.Sprintf(`<view class="page">
  <view class="title">{{title}}</view>
  <view wx:if="{{loading}}">加载中</view>
  <view wx:for="{{items}}" wx:key="id">
    <text>{{item.label}}</text>
    <button bindtap="onTap" data-id="{{item.id}}">打开 %d</button>
  </view>
</view>
`, i))
		write(route+".json", fmt.Sprintf(`{"navigationBarTitleText": "页面 %d", "usingComponents": {}}`, i))
		write(route+".wxss", ".page { padding: 16rpx; }\n.title { font-size: 32rpx; }\n")
	}
	for i := range modules {
		ext, types := ".js", ""
		if i%2 == 1 {
			ext, types = ".ts", ": string"
		}
		var body strings.Builder
		fmt.Fprintf(&body, "export function format%d(s%s)%s {\n  return `[%d] ${s}`\n}\n\n", i, types, types, i)
		fmt.Fprintf(&body, "export async function fetchList(id%s) {\n  const rows = []\n", map[bool]string{true: ": number", false: ""}[ext == ".ts"])
		body.WriteString("  for (let k = 0; k < 20; k++) {\n    rows.push({ id: id * 100 + k, name: `item ${k}`, price: k * 3.5 })\n  }\n  return rows\n}\n\n")
		for k := range 20 {
			fmt.Fprintf(&body, "export const helper%d = (a, b = %d) => ({ sum: a + b, text: `helper %d`, list: [a, b]?.map((x) => x * 2) ?? [] })\n", k, k, k)
		}
		fmt.Fprintf(&body, "\nexport class Store%d {\n  #items = new Map()\n  set(k, v) { this.#items.set(k, v); return this }\n  get(k) { return this.#items.get(k) }\n}\n", i)
		write(fmt.Sprintf("utils/m%d%s", i, ext), body.String())
	}
	write("app.json", `{"pages": [`+strings.Join(routes, ", ")+`], "window": {"navigationBarTitleText": "基准"}}`)
	write("app.js", "import { format0 } from './utils/m0'\nApp({ onLaunch() { console.log(format0('launch')) } })\n")
	write("app.wxss", "page { background: #fff; }\n")
	write("sitemap.json", `{"rules": []}`)
	return dir
}

// BenchmarkLoadProject loads a 300-file project cold (every script
// compiled), warm (every script from the compile cache, as for the second
// phone that installs a package), and, as the baseline, only reads its
// files.
func BenchmarkLoadProject(b *testing.B) {
	dir := benchProject(b)
	fsys := os.DirFS(dir)
	if files, problems := readFiles(fsys); len(files) != 300 || len(problems) > 0 {
		b.Fatalf("the project has %d files (%v), want 300", len(files), problems)
	}
	b.Run("read", func(b *testing.B) {
		for b.Loop() {
			readFiles(fsys)
		}
	})
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			if _, err := LoadWith(fsys, compile.NewCache(compile.DefaultCacheBytes)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("warm", func(b *testing.B) {
		cache := compile.NewCache(compile.DefaultCacheBytes)
		if _, err := LoadWith(fsys, cache); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := LoadWith(fsys, cache); err != nil {
				b.Fatal(err)
			}
		}
	})
}
