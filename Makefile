.PHONY: build test race vet bench generate release-check snapshot
build:
	go build -o supctl ./cmd/supctl
test:
	go test ./...
race:
	go test -race ./...
vet:
	gofmt -l . && go vet ./...
bench:
	go test -run '^$$' -bench . -benchmem ./pkg/server/ ./pkg/store/...
generate:
	go generate ./...
release-check:
	goreleaser check
snapshot:
	goreleaser release --snapshot --clean --skip=publish
