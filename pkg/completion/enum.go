package completion

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/support"
)

// Enum completes a flag whose values come from e, with their descriptions.
// For a comma-separated list flag it completes the last item.
func Enum(e support.Enum, extra ...support.Choice) cobra.CompletionFunc {
	choices := append(append([]support.Choice{}, e.Choices...), extra...)
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		done, _ := cutLast(toComplete)
		var out []cobra.Completion
		for _, c := range choices {
			if strings.Contains(","+done, ","+c.Value+",") {
				continue
			}
			out = append(out, cobra.CompletionWithDesc(done+c.Value, c.Description))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// cutLast splits "a,b,c" into "a,b," and "c".
func cutLast(s string) (done, last string) {
	i := strings.LastIndexByte(s, ',')
	return s[:i+1], s[i+1:]
}
