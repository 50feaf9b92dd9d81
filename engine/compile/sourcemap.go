package compile

import (
	"encoding/json"
	"errors"
	"strings"
)

// shiftColumns rewrites an esbuild source map for goja, which asks the map
// with 1-based columns and passes the 0-based columns it gets back on as
// 1-based ones (file.Position): every generated and original column moves
// up by one, so that both meet in the middle and positions come out as
// editors count them. TestStackCitesTheSource fails when goja changes.
//
// In the mappings, a segment's generated column is relative to the one
// before it on its line, starting from 0 on each line, and its original
// column is relative to the segment before it anywhere in the map: one is
// added to the first field of each line's first segment and to the fourth
// field of the map's first segment that has one.
func shiftColumns(sourceMap []byte) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(sourceMap, &m); err != nil {
		return nil, err
	}
	mappings, ok := m["mappings"].(string)
	if !ok {
		return nil, errors.New("source map has no mappings")
	}
	lines := strings.Split(mappings, ";")
	sourceShifted := false
	for i, line := range lines {
		if line == "" {
			continue
		}
		first, rest, _ := strings.Cut(line, ",")
		fields, err := decodeVLQ(first)
		if err != nil {
			return nil, err
		}
		fields[0]++
		if !sourceShifted && len(fields) >= 4 {
			fields[3]++
			sourceShifted = true
		}
		seg := encodeVLQ(fields)
		if rest != "" {
			seg += "," + rest
		}
		lines[i] = seg
	}
	m["mappings"] = strings.Join(lines, ";")
	return json.Marshal(m)
}

const base64Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// decodeVLQ reads the base64 VLQ fields of one segment.
func decodeVLQ(seg string) ([]int, error) {
	var fields []int
	value, shift := 0, 0
	for i := 0; i < len(seg); i++ {
		digit := strings.IndexByte(base64Digits, seg[i])
		if digit < 0 {
			return nil, errors.New("source map: bad mapping " + seg)
		}
		value |= (digit & 31) << shift
		if digit&32 != 0 {
			shift += 5
			continue
		}
		n := value >> 1
		if value&1 != 0 {
			n = -n
		}
		fields = append(fields, n)
		value, shift = 0, 0
	}
	if shift != 0 || len(fields) == 0 {
		return nil, errors.New("source map: bad mapping " + seg)
	}
	return fields, nil
}

func encodeVLQ(fields []int) string {
	var b strings.Builder
	for _, n := range fields {
		v := n << 1
		if n < 0 {
			v = (-n)<<1 | 1
		}
		for {
			digit := v & 31
			v >>= 5
			if v != 0 {
				digit |= 32
			}
			b.WriteByte(base64Digits[digit])
			if v == 0 {
				break
			}
		}
	}
	return b.String()
}
