package sla

import "slices"

// Holidays lists the built-in 2026 and 2027 public holidays of a country
// (ISO 3166 code: DE, IN, JP, KR, US) in date order, or nil for any other
// country. The slice is a copy the caller may change.
func Holidays(country string) []Holiday {
	return slices.Clone(builtinHolidays(country))
}

func builtinHolidays(country string) []Holiday {
	switch country {
	case "DE":
		return holidaysDE
	case "IN":
		return holidaysIN
	case "JP":
		return holidaysJP
	case "KR":
		return holidaysKR
	case "US":
		return holidaysUS
	}
	return nil
}
