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

// Timezones completes an IANA timezone: the zones of the support regions
// first, then other common ones. A zone the list lacks can still be typed.
func Timezones(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, z := range timezones {
		if strings.HasPrefix(strings.ToLower(z.Value), strings.ToLower(toComplete)) {
			out = append(out, cobra.CompletionWithDesc(z.Value, z.Description))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
}

var timezones = []support.Choice{
	{Value: "Asia/Tokyo", Description: "apac-jp"},
	{Value: "Asia/Seoul", Description: "apac-kr"},
	{Value: "Asia/Kolkata", Description: "apac-in"},
	{Value: "Europe/Berlin", Description: "emea-de"},
	{Value: "America/New_York", Description: "americas-east"},
	{Value: "America/Los_Angeles", Description: "americas-west"},
	{Value: "UTC", Description: "Coordinated Universal Time"},
	{Value: "Asia/Shanghai"}, {Value: "Asia/Singapore"}, {Value: "Australia/Sydney"},
	{Value: "Europe/London"}, {Value: "Europe/Paris"}, {Value: "America/Chicago"},
	{Value: "America/Denver"}, {Value: "America/Sao_Paulo"},
}
