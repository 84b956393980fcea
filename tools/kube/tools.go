//go:build tools

// Package tools keeps etcd's server module in go.mod so `go build
// go.etcd.io/etcd/server/v3` builds a version-matched etcd.
package tools

import _ "go.etcd.io/etcd/server/v3/etcdmain"
