package cmdutil

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/text/unicode/norm"

	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/support"
)

// CanonicalEnum is the allowed value of e that v names, as a person types
// it: case, full-width forms (an IME's Ｓ１) and '-', '_' or a space between
// words do not matter, so "s1" is S1 and "Pending-Customer" is
// pending_customer. ok is false when v names none.
func CanonicalEnum(e support.Enum, v string) (canonical string, ok bool) {
	if e.Has(v) {
		return v, true
	}
	key := enumKey(v)
	for _, c := range e.Choices {
		if enumKey(c.Value) == key {
			return c.Value, true
		}
	}
	return v, false
}

func enumKey(v string) string {
	v = strings.ToLower(strings.TrimSpace(norm.NFKC.String(v)))
	return strings.NewReplacer("-", "_", " ", "_").Replace(v)
}

// EnumFlags makes each named flag of cmd (a string or string slice flag)
// take the values of its enumeration as a person types them: a value is
// replaced by its canonical form as it is parsed (see CanonicalEnum), so
// the command sees and shows S1 for --severity s1. Values the enumeration
// does not have are kept as given, for the command's own check to refuse.
// Each flag also completes the enumeration's values.
func EnumFlags(cmd *cobra.Command, flags map[string]support.Enum) {
	for name, e := range flags {
		f := cmd.Flags().Lookup(name)
		if f == nil {
			panic("cmdutil.EnumFlags: no flag --" + name)
		}
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			f.Value = &canonicalSlice{canonicalValue{f.Value, e}, sv}
			if f.DefValue == "[]" {
				// pflag knows an empty slice only by the type it wraps:
				// without this, help would say "(default [])".
				f.DefValue = ""
			}
		} else {
			f.Value = &canonicalValue{f.Value, e}
		}
		_ = cmd.RegisterFlagCompletionFunc(name, completion.Enum(e))
	}
}

// canonicalValue is a flag value that stores the canonical form of what
// it is given.
type canonicalValue struct {
	pflag.Value
	enum support.Enum
}

func (v *canonicalValue) Set(s string) error {
	if _, ok := v.Value.(pflag.SliceValue); ok {
		parts := strings.Split(s, ",")
		for i, p := range parts {
			parts[i], _ = CanonicalEnum(v.enum, p)
		}
		return v.Value.Set(strings.Join(parts, ","))
	}
	c, _ := CanonicalEnum(v.enum, s)
	return v.Value.Set(c)
}

// canonicalSlice is a canonicalValue over a slice flag, still a
// pflag.SliceValue.
type canonicalSlice struct {
	canonicalValue
	slice pflag.SliceValue
}

func (v *canonicalSlice) Append(s string) error {
	c, _ := CanonicalEnum(v.enum, s)
	return v.slice.Append(c)
}

func (v *canonicalSlice) Replace(ss []string) error {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i], _ = CanonicalEnum(v.enum, s)
	}
	return v.slice.Replace(out)
}

func (v *canonicalSlice) GetSlice() []string { return v.slice.GetSlice() }
