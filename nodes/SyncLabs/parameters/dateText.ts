// Reads a date and time written as text (a form field, a sheet cell, an agent's $fromAI) in a few written forms,
// checking every part the text names: JavaScript's Date parser accepts far more and fills in or rolls over what
// does not fit ("Feb 30 2026" is 2 March, "Mon 3 Mar 2026" ignores that 3 March is a Tuesday, "March 5" is 2001),
// so a filter would silently use a date nobody wrote. The forms and their rules: docs/parameters-from-expressions.md
// ("Dates written as text").

export type DateTextReading = { ok: true; date: Date } | { ok: false; why: string };

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Whole words only: a weekday or month written in full or shortened ("Sunny", "Marathon" are neither).
const WEEKDAY = String.raw`(?<weekday>mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?\s+`;
const MONTH_NAME = String.raw`(?<monthName>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const TIME = String.raw`(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,](?<fraction>\d{1,9}))?)?(?:\s*(?<meridiem>[ap])\.?m\.?)?`;
const ZONE = String.raw`(?<zone>z|utc|gmt|(?:utc|gmt)?(?<offsetSign>[+-])(?<offsetHours>\d{2})(?::?(?<offsetMinutes>\d{2}))?)`;
/** A time, then a zone; a zone names nothing without a time ("2026-01-31-12" is no date at noon, nor at -12:00). */
const TIME_AND_ZONE = String.raw`(?:(?:\s+|t|,\s*|\s+at\s+)${TIME}(?:\s*${ZONE})?)?`;
/**
 * Date.prototype.toString() ends with the zone's name in brackets after its offset: "GMT+0100 (Central European
 * Standard Time)". Read only there, and only as words: elsewhere a bracket may name another zone or date.
 */
const TIME_OFFSET_AND_ZONE_NAME = String.raw`(?:(?:\s+|,\s*|\s+at\s+)${TIME}(?:\s*${ZONE}(?:\s*\((?<zoneName>[a-z][a-z .'-]*)\))?)?)?`;

/** Each written form this node reads; a form's name says where such text comes from. */
const FORMS: Array<{ form: string; pattern: RegExp }> = [
	// ISO 8601 and its everyday variants: 2026-01-31, 2026-01-31T12:00:00.000Z, 2026-01-31 12:00, 2026/01/31
	{
		form: 'year first',
		pattern: new RegExp(String.raw`^(?<year>\d{4})(?<separator>[-/.])(?<month>\d{1,2})\k<separator>(?<day>\d{1,2})${TIME_AND_ZONE}$`, 'i'),
	},
	// as US sheets and JavaScript read it, month first: 01/31/2026, 1/31/2026 10:00 PM
	{
		form: 'month first',
		pattern: new RegExp(String.raw`^(?:${WEEKDAY})?(?<month>\d{1,2})(?<separator>[-/])(?<day>\d{1,2})\k<separator>(?<year>\d{4})${TIME_AND_ZONE}$`, 'i'),
	},
	// RFC 2822 and Date.prototype.toUTCString(): Sat, 31 Jan 2026 12:00:00 GMT; 31 January 2026; 31-Jan-2026
	{
		form: 'day and month name',
		pattern: new RegExp(String.raw`^(?:${WEEKDAY})?(?<day>\d{1,2})(?:\s+|-)${MONTH_NAME}(?:\s+|-)(?<year>\d{4})${TIME_AND_ZONE}$`, 'i'),
	},
	// Date.prototype.toString() and English prose: Sat Jan 31 2026 12:00:00 GMT+0100 (…); January 31st, 2026 10:00 UTC
	{
		form: 'month name and day',
		pattern: new RegExp(String.raw`^(?:${WEEKDAY})?${MONTH_NAME}\s+(?<day>\d{1,2})(?<ordinal>st|nd|rd|th)?,?\s+(?<year>\d{4})${TIME_OFFSET_AND_ZONE_NAME}$`, 'i'),
	},
];

/** The suffix English writes after a day: 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd, 23rd … 31st. */
function ordinalOf(day: number): string {
	if (day % 100 >= 11 && day % 100 <= 13) return 'th';
	return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

/** The only form JavaScript reads in UTC when no zone is written: an ISO 8601 date alone (ECMA-262, Date.parse). */
const ISO_DATE_ALONE = /^\d{4}-\d{2}-\d{2}$/;

const EXAMPLE = 'give a date and time such as 2026-01-31T12:00:00Z';

function daysInMonth(year: number, month: number): number {
	const date = new Date(Date.UTC(2000, month, 0));
	date.setUTCFullYear(year, month, 0);
	return date.getUTCDate();
}

/** A calendar day and time as numbers (month 1-12); a year below 100 is that year, not 1900 + it. */
function utcMilliseconds(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
	const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
	date.setUTCFullYear(year, month - 1, day);
	return date.getTime();
}

function localDate(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): Date {
	const date = new Date(2000, month - 1, day, hour, minute, second, ms);
	date.setFullYear(year, month - 1, day);
	return date;
}

export function readDateText(text: string): DateTextReading {
	const trimmed = text.trim().replace(/\s+/g, ' ');
	if (/^[+-]?\d+(\.\d*)?$/.test(trimmed)) return { ok: false, why: `; digits alone name no date: ${EXAMPLE}` };
	const notAForm = { ok: false, why: `, which is not a date and time in a form this node reads (ISO 8601 is best); ${EXAMPLE}` } as const;
	// Words alone ("yesterday") are no date in any form; digits without a year ("March 5") lack only the year.
	if (!/\d/.test(trimmed)) return notAForm;
	if (!/(^|\D)\d{4}(\D|$)/.test(trimmed)) return { ok: false, why: `, which has no four-digit year; ${EXAMPLE}` };
	const groups = FORMS.map(({ pattern }) => pattern.exec(trimmed)?.groups).find((found) => found !== undefined);
	if (groups === undefined) return notAForm;

	const year = Number(groups.year);
	const month = groups.monthName !== undefined ? MONTHS.indexOf(groups.monthName.slice(0, 3).toLowerCase()) + 1 : Number(groups.month);
	const day = Number(groups.day);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, why: ', which is not a date of the calendar' };
	if (groups.zoneName !== undefined && !/^gmt[+-]\d{4}$/i.test(groups.zone ?? '')) {
		return { ok: false, why: `, which names the zone "${groups.zoneName}" without the offset JavaScript writes before it (GMT+0100); write the offset` };
	}
	if (groups.ordinal !== undefined && groups.ordinal.toLowerCase() !== ordinalOf(day)) {
		return { ok: false, why: `, which writes the day ${day} as ${day}${groups.ordinal}` };
	}
	if (groups.weekday !== undefined) {
		const written = WEEKDAYS.indexOf(groups.weekday.slice(0, 3).toLowerCase());
		const actual = new Date(utcMilliseconds(year, month, day, 0, 0, 0, 0)).getUTCDay();
		if (written !== actual) return { ok: false, why: `, but ${year}-${pad(month)}-${pad(day)} is a ${WEEKDAY_NAMES[actual]}` };
	}

	let hour = groups.hour === undefined ? 0 : Number(groups.hour);
	const minute = groups.minute === undefined ? 0 : Number(groups.minute);
	const second = groups.second === undefined ? 0 : Number(groups.second);
	const ms = groups.fraction === undefined ? 0 : Math.floor(Number(`0.${groups.fraction}`) * 1000);
	if (groups.meridiem !== undefined) {
		if (hour < 1 || hour > 12) return { ok: false, why: ', whose hour is not one of a 12-hour clock' };
		hour = (hour % 12) + (groups.meridiem.toLowerCase() === 'p' ? 12 : 0);
	}
	// 24:00 is the end of the day, the same instant as 00:00 of the next (ISO 8601, and ECMA-262's date-time format).
	const endOfDay = hour === 24 && minute === 0 && second === 0 && ms === 0 && groups.meridiem === undefined;
	if ((hour > 23 && !endOfDay) || minute > 59 || second > 59) return { ok: false, why: ', whose time is not a time of the day' };
	const dayAfter = endOfDay ? new Date(utcMilliseconds(year, month, day + 1, 0, 0, 0, 0)) : undefined;
	const [y, m, d, h] = dayAfter ? [dayAfter.getUTCFullYear(), dayAfter.getUTCMonth() + 1, dayAfter.getUTCDate(), 0] : [year, month, day, hour];

	if (groups.zone !== undefined) {
		const offsetHours = groups.offsetHours === undefined ? 0 : Number(groups.offsetHours);
		const offsetMinutes = groups.offsetMinutes === undefined ? 0 : Number(groups.offsetMinutes);
		if (offsetHours > 23 || offsetMinutes > 59) return { ok: false, why: ', whose time zone offset is not one' };
		const offset = (groups.offsetSign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
		return { ok: true, date: new Date(utcMilliseconds(y, m, d, h, minute, second, ms) - offset) };
	}
	if (ISO_DATE_ALONE.test(trimmed)) return { ok: true, date: new Date(utcMilliseconds(y, m, d, 0, 0, 0, 0)) };
	// No zone written: the n8n server's time zone, as JavaScript reads such text. A time its clock skips for
	// daylight saving does not exist there; Date() would move it an hour on.
	const local = localDate(y, m, d, h, minute, second, ms);
	if (local.getFullYear() !== y || local.getMonth() !== m - 1 || local.getDate() !== d || local.getHours() !== h || local.getMinutes() !== minute) {
		return { ok: false, why: ", whose time does not exist in the n8n server's time zone (the clock skips it for daylight saving); write the zone, such as Z or +01:00" };
	}
	return { ok: true, date: local };
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(value: number): string {
	return String(value).padStart(2, '0');
}
