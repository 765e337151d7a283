package sqlite

import (
	"database/sql/driver"
	"fmt"

	sqlite "modernc.org/sqlite"

	"github.com/supctl/supctl/pkg/support"
)

// The migration that adds tickets.search_text fills it with
// supctl_search_text(subject, description): support.SearchText in SQL.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("supctl_search_text", 2, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		subject, ok1 := args[0].(string)
		description, ok2 := args[1].(string)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("supctl_search_text(%T, %T): want two texts", args[0], args[1])
		}
		return support.SearchText(subject, description), nil
	})
}
