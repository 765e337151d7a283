package sqlite

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
)

func TestExpConcurrentOpen(t *testing.T) {
	for round := 0; round < 20; round++ {
		path := filepath.Join(t.TempDir(), "x.db")
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s, err := Open(context.Background(), path)
				errs[i] = err
				if err == nil {
					s.Close()
				}
			}()
		}
		wg.Wait()
		for _, e := range errs {
			if e != nil {
				t.Error(round, e)
			}
		}
	}
}
