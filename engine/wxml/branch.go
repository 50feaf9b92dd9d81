package wxml

// branch is an element's role in a wx:if / wx:elif / wx:else chain of
// siblings.
type branch int

const (
	noBranch branch = iota
	ifBranch
	elifBranch
	elseBranch
)

// attr is the attribute that marks the branch; for wx:if and wx:elif it
// also holds the condition.
func (b branch) attr() string {
	return [...]string{"", "wx:if", "wx:elif", "wx:else"}[b]
}

func branchOf(n *Node) branch {
	for _, a := range n.Attrs {
		for b := ifBranch; b <= elseBranch; b++ {
			if a.Name == b.attr() {
				return b
			}
		}
	}
	return noBranch
}

// checkBranch refuses a wx:elif or wx:else that does not directly follow a
// wx:if or wx:elif sibling, as WeChat's compiler does.
func (p *parser) checkBranch(parent, n *Node) error {
	b := branchOf(n)
	if b != elifBranch && b != elseBranch {
		return nil
	}
	if k := len(parent.Children); k > 0 {
		if prev := branchOf(parent.Children[k-1]); prev == ifBranch || prev == elifBranch {
			return nil
		}
	}
	return p.errorf(n.Line, "%s without a preceding wx:if", b.attr())
}
