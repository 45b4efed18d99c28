// Patterns behind the string is*/extract* extensions. They follow the shapes n8n documents: URLs need an
// http(s)/ftp scheme, domains need a TLD of two or more letters (or punycode, localhost or an IPv4 address).

const HOST = String.raw`(?:(?:[-\w]+\.)+(?:[a-zA-Z]{2,}|xn--[a-zA-Z0-9]+)|localhost|\d{1,3}(?:\.\d{1,3}){3})`;
const PORT_PATH_QUERY_HASH = String.raw`(?::\d+)?(?:\/[^\s?#]*)?(?:\?[^\s#]*)?(?:#\S*)?`;
const URL_BODY = String.raw`(?:https?|ftp):\/\/(?:www\.)?${HOST}${PORT_PATH_QUERY_HASH}`;

const EMAIL_LOCAL = String.raw`(?:[^<>()[\]\\.,;:\s@"]+(?:\.[^<>()[\]\\.,;:\s@"]+)*|".+")`;
const EMAIL_DOMAIN = String.raw`(?:\[\d{1,3}(?:\.\d{1,3}){3}\]|(?:[a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,})`;

/** An email address anywhere in the text; the `domain` group holds its domain. */
export const EMAIL_PATTERN = new RegExp(`${EMAIL_LOCAL}@(?<domain>${EMAIL_DOMAIN})`);
/** A whole-string URL. */
export const URL_EXACT_PATTERN = new RegExp(`^${URL_BODY}$`, 'i');
/** The first URL in the text. */
export const URL_PATTERN = new RegExp(URL_BODY, 'i');
/** A whole-string domain, optionally with port, path, query and fragment. */
export const DOMAIN_PATTERN = new RegExp(
  String.raw`^(?:www\.)?${HOST}(?::\d+)?(?:\/[^\s?]*)?(?:\?[^\s#]*)?(?:#\S*)?$`,
  'i',
);
/** A URL, mailto: or bare domain; group 1 is the host (with any www. prefix). */
export const DOMAIN_EXTRACT_PATTERN = new RegExp(
  String.raw`^(?:(?:https?|ftp):\/\/)?(?:mailto:)?(?:\/\/)?((?:www\.)?${HOST})(?::\d+)?(?:\/[^\s?]*)?(?:\?[^\s#]*)?(?:#\S*)?$`,
  'i',
);
/** Currency symbols, stripped before number conversion so '$1,5' style prefixes do not block parsing. */
export const CURRENCY_PATTERN = /\p{Sc}/gu;
