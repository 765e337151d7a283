package sla

import "time"

// The tables below are data, checked by holidays_test.go against the rules
// that produce them where rules exist (US observance, Easter, Japan's
// substitute and citizens' holidays). Each is sorted by date.

// holidaysUS are the US federal holidays as observed: one that falls on a
// Saturday is observed the Friday before, on a Sunday the Monday after.
var holidaysUS = []Holiday{
	{Date{2026, time.January, 1}, "New Year's Day"},
	{Date{2026, time.January, 19}, "Martin Luther King Jr. Day"},
	{Date{2026, time.February, 16}, "Washington's Birthday"},
	{Date{2026, time.May, 25}, "Memorial Day"},
	{Date{2026, time.June, 19}, "Juneteenth"},
	{Date{2026, time.July, 3}, "Independence Day (observed)"},
	{Date{2026, time.September, 7}, "Labor Day"},
	{Date{2026, time.October, 12}, "Columbus Day"},
	{Date{2026, time.November, 11}, "Veterans Day"},
	{Date{2026, time.November, 26}, "Thanksgiving Day"},
	{Date{2026, time.December, 25}, "Christmas Day"},
	{Date{2027, time.January, 1}, "New Year's Day"},
	{Date{2027, time.January, 18}, "Martin Luther King Jr. Day"},
	{Date{2027, time.February, 15}, "Washington's Birthday"},
	{Date{2027, time.May, 31}, "Memorial Day"},
	{Date{2027, time.June, 18}, "Juneteenth (observed)"},
	{Date{2027, time.July, 5}, "Independence Day (observed)"},
	{Date{2027, time.September, 6}, "Labor Day"},
	{Date{2027, time.October, 11}, "Columbus Day"},
	{Date{2027, time.November, 11}, "Veterans Day"},
	{Date{2027, time.November, 25}, "Thanksgiving Day"},
	{Date{2027, time.December, 24}, "Christmas Day (observed)"},
	{Date{2027, time.December, 31}, "New Year's Day (observed)"},
}

// holidaysDE are Germany's nationwide public holidays; holidays of single
// states (Bundesländer) are left to the admin.
var holidaysDE = []Holiday{
	{Date{2026, time.January, 1}, "Neujahr"},
	{Date{2026, time.April, 3}, "Karfreitag"},
	{Date{2026, time.April, 6}, "Ostermontag"},
	{Date{2026, time.May, 1}, "Tag der Arbeit"},
	{Date{2026, time.May, 14}, "Christi Himmelfahrt"},
	{Date{2026, time.May, 25}, "Pfingstmontag"},
	{Date{2026, time.October, 3}, "Tag der Deutschen Einheit"},
	{Date{2026, time.December, 25}, "1. Weihnachtstag"},
	{Date{2026, time.December, 26}, "2. Weihnachtstag"},
	{Date{2027, time.January, 1}, "Neujahr"},
	{Date{2027, time.March, 26}, "Karfreitag"},
	{Date{2027, time.March, 29}, "Ostermontag"},
	{Date{2027, time.May, 1}, "Tag der Arbeit"},
	{Date{2027, time.May, 6}, "Christi Himmelfahrt"},
	{Date{2027, time.May, 17}, "Pfingstmontag"},
	{Date{2027, time.October, 3}, "Tag der Deutschen Einheit"},
	{Date{2027, time.December, 25}, "1. Weihnachtstag"},
	{Date{2027, time.December, 26}, "2. Weihnachtstag"},
}

// holidaysJP are Japan's national holidays, with substitute holidays (the
// next free day after a holiday on a Sunday) and citizens' holidays (a day
// between two holidays).
var holidaysJP = []Holiday{
	{Date{2026, time.January, 1}, "New Year's Day"},
	{Date{2026, time.January, 12}, "Coming of Age Day"},
	{Date{2026, time.February, 11}, "National Foundation Day"},
	{Date{2026, time.February, 23}, "Emperor's Birthday"},
	{Date{2026, time.March, 20}, "Vernal Equinox Day"},
	{Date{2026, time.April, 29}, "Showa Day"},
	{Date{2026, time.May, 3}, "Constitution Memorial Day"},
	{Date{2026, time.May, 4}, "Greenery Day"},
	{Date{2026, time.May, 5}, "Children's Day"},
	{Date{2026, time.May, 6}, "Substitute Holiday"},
	{Date{2026, time.July, 20}, "Marine Day"},
	{Date{2026, time.August, 11}, "Mountain Day"},
	{Date{2026, time.September, 21}, "Respect for the Aged Day"},
	{Date{2026, time.September, 22}, "Citizens' Holiday"},
	{Date{2026, time.September, 23}, "Autumnal Equinox Day"},
	{Date{2026, time.October, 12}, "Sports Day"},
	{Date{2026, time.November, 3}, "Culture Day"},
	{Date{2026, time.November, 23}, "Labour Thanksgiving Day"},
	{Date{2027, time.January, 1}, "New Year's Day"},
	{Date{2027, time.January, 11}, "Coming of Age Day"},
	{Date{2027, time.February, 11}, "National Foundation Day"},
	{Date{2027, time.February, 23}, "Emperor's Birthday"},
	{Date{2027, time.March, 21}, "Vernal Equinox Day"},
	{Date{2027, time.March, 22}, "Substitute Holiday"},
	{Date{2027, time.April, 29}, "Showa Day"},
	{Date{2027, time.May, 3}, "Constitution Memorial Day"},
	{Date{2027, time.May, 4}, "Greenery Day"},
	{Date{2027, time.May, 5}, "Children's Day"},
	{Date{2027, time.July, 19}, "Marine Day"},
	{Date{2027, time.August, 11}, "Mountain Day"},
	{Date{2027, time.September, 20}, "Respect for the Aged Day"},
	{Date{2027, time.September, 23}, "Autumnal Equinox Day"},
	{Date{2027, time.October, 11}, "Sports Day"},
	{Date{2027, time.November, 3}, "Culture Day"},
	{Date{2027, time.November, 23}, "Labour Thanksgiving Day"},
}

// holidaysKR are Korea's public holidays with their substitute days, the
// 2026 local elections, Constitution Day (a public holiday again from 2026)
// and Labour Day, a statutory paid holiday for private-sector employees.
// Seollal and Chuseok follow the lunar calendar in Korean time.
var holidaysKR = []Holiday{
	{Date{2026, time.January, 1}, "New Year's Day"},
	{Date{2026, time.February, 16}, "Seollal"},
	{Date{2026, time.February, 17}, "Seollal"},
	{Date{2026, time.February, 18}, "Seollal"},
	{Date{2026, time.March, 1}, "Independence Movement Day"},
	{Date{2026, time.March, 2}, "Substitute Holiday (Independence Movement Day)"},
	{Date{2026, time.May, 1}, "Labour Day"},
	{Date{2026, time.May, 5}, "Children's Day"},
	{Date{2026, time.May, 24}, "Buddha's Birthday"},
	{Date{2026, time.May, 25}, "Substitute Holiday (Buddha's Birthday)"},
	{Date{2026, time.June, 3}, "Local Elections Day"},
	{Date{2026, time.June, 6}, "Memorial Day"},
	{Date{2026, time.July, 17}, "Constitution Day"},
	{Date{2026, time.August, 15}, "Liberation Day"},
	{Date{2026, time.August, 17}, "Substitute Holiday (Liberation Day)"},
	{Date{2026, time.September, 24}, "Chuseok"},
	{Date{2026, time.September, 25}, "Chuseok"},
	{Date{2026, time.September, 26}, "Chuseok"},
	{Date{2026, time.October, 3}, "National Foundation Day"},
	{Date{2026, time.October, 5}, "Substitute Holiday (National Foundation Day)"},
	{Date{2026, time.October, 9}, "Hangul Day"},
	{Date{2026, time.December, 25}, "Christmas Day"},
	{Date{2027, time.January, 1}, "New Year's Day"},
	{Date{2027, time.February, 6}, "Seollal"},
	{Date{2027, time.February, 7}, "Seollal"},
	{Date{2027, time.February, 8}, "Seollal"},
	{Date{2027, time.February, 9}, "Substitute Holiday (Seollal)"},
	{Date{2027, time.March, 1}, "Independence Movement Day"},
	{Date{2027, time.May, 1}, "Labour Day"},
	{Date{2027, time.May, 5}, "Children's Day"},
	{Date{2027, time.May, 13}, "Buddha's Birthday"},
	{Date{2027, time.June, 6}, "Memorial Day"},
	{Date{2027, time.July, 17}, "Constitution Day"},
	{Date{2027, time.July, 19}, "Substitute Holiday (Constitution Day)"},
	{Date{2027, time.August, 15}, "Liberation Day"},
	{Date{2027, time.August, 16}, "Substitute Holiday (Liberation Day)"},
	{Date{2027, time.September, 14}, "Chuseok"},
	{Date{2027, time.September, 15}, "Chuseok"},
	{Date{2027, time.September, 16}, "Chuseok"},
	{Date{2027, time.October, 3}, "National Foundation Day"},
	{Date{2027, time.October, 4}, "Substitute Holiday (National Foundation Day)"},
	{Date{2027, time.October, 9}, "Hangul Day"},
	{Date{2027, time.October, 11}, "Substitute Holiday (Hangul Day)"},
	{Date{2027, time.December, 25}, "Christmas Day"},
	{Date{2027, time.December, 27}, "Substitute Holiday (Christmas Day)"},
}

// holidaysIN are the closed holidays of India's central government offices
// (the DoPT list for Delhi). For 2027 only the dates that need no moon
// sighting or almanac are listed: the three national holidays, Good Friday
// and Christmas; an admin adds the rest once the 2027 list is published.
var holidaysIN = []Holiday{
	{Date{2026, time.January, 26}, "Republic Day"},
	{Date{2026, time.March, 4}, "Holi"},
	{Date{2026, time.March, 21}, "Id-ul-Fitr"},
	{Date{2026, time.March, 26}, "Ram Navami"},
	{Date{2026, time.March, 31}, "Mahavir Jayanti"},
	{Date{2026, time.April, 3}, "Good Friday"},
	{Date{2026, time.May, 1}, "Buddha Purnima"},
	{Date{2026, time.May, 27}, "Id-ul-Zuha (Bakrid)"},
	{Date{2026, time.June, 26}, "Muharram"},
	{Date{2026, time.August, 15}, "Independence Day"},
	{Date{2026, time.August, 26}, "Milad-un-Nabi"},
	{Date{2026, time.September, 4}, "Janmashtami"},
	{Date{2026, time.October, 2}, "Mahatma Gandhi's Birthday"},
	{Date{2026, time.October, 20}, "Dussehra"},
	{Date{2026, time.November, 8}, "Diwali"},
	{Date{2026, time.November, 24}, "Guru Nanak's Birthday"},
	{Date{2026, time.December, 25}, "Christmas Day"},
	{Date{2027, time.January, 26}, "Republic Day"},
	{Date{2027, time.March, 26}, "Good Friday"},
	{Date{2027, time.August, 15}, "Independence Day"},
	{Date{2027, time.October, 2}, "Mahatma Gandhi's Birthday"},
	{Date{2027, time.December, 25}, "Christmas Day"},
}
