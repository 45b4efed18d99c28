import type * as ics from 'ics';
import { DateTime } from 'luxon';
import type { JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';
import { prepareBinaryData } from '../shared/binary-data.js';
import type { N8nBinaryData } from '../shared/binary-data.js';

type Fields = JsonObject & {
  fileName?: string;
  geolocationUi?: { geolocationValues?: { lat?: unknown; lon?: unknown } };
  organizerUi?: { organizerValues?: JsonObject };
  attendeesUi?: { attendeeValues?: JsonObject[] };
};

/**
 * n8n's ICalendar "create event" (Convert to File → iCal): an ICS file for one item. Like n8n, the local wall
 * clock of start and end (here in the workflow's time zone) is written as if it were UTC; all-day events keep
 * only the date and end one day after the given end.
 */
export async function icalEventFile(ctx: NodeExecutionContext, itemIndex: number): Promise<N8nBinaryData> {
  const title = ctx.getParameter<string>('title', itemIndex, '');
  const allDay = ctx.getParameter<boolean>('allDay', itemIndex, false) === true;
  const start = parseDate(ctx.getParameter<string>('start', itemIndex, ''), ctx.timezone, 'Start', itemIndex);
  let end = parseDate(ctx.getParameter<string>('end', itemIndex, ''), ctx.timezone, 'End', itemIndex);
  if (allDay) end = end.plus({ days: 1 });
  const { fileName, geolocationUi, organizerUi, attendeesUi, ...rest } = structuredClone(
    ctx.getParameter<Fields>('additionalFields', itemIndex, {}),
  );
  const event: JsonObject = {
    title,
    start: dateArray(start, allDay),
    end: dateArray(end, allDay),
    startInputType: 'utc',
    endInputType: 'utc',
  };
  if (geolocationUi?.geolocationValues) {
    const { lat, lon } = geolocationUi.geolocationValues;
    event.geo = { lat: Number(lat), lon: Number(lon) };
  }
  if (organizerUi?.organizerValues) event.organizer = organizerUi.organizerValues;
  if (attendeesUi?.attendeeValues) event.attendees = attendeesUi.attendeeValues;
  Object.assign(event, rest);
  const created = (await import('ics')).createEvent(event as unknown as ics.EventAttributes);
  if (created.error || !created.value) {
    const errors = (created.error as { errors?: string[] } | null)?.errors;
    throw operationError(created.error?.message ?? 'Could not create the event', {
      itemIndex,
      ...(errors ? { description: errors.join('; ') } : {}),
    });
  }
  return prepareBinaryData(Buffer.from(created.value), {
    fileName: fileName || 'event.ics',
    mimeType: 'text/calendar',
  });
}

function parseDate(value: string, zone: string, field: string, itemIndex: number): DateTime {
  const parsed = DateTime.fromISO(String(value), { zone });
  if (!parsed.isValid) throw operationError(`'${field}' is not a valid date: '${value}'`, { itemIndex });
  return parsed;
}

function dateArray(date: DateTime, allDay: boolean): ics.DateArray {
  const parts = [date.year, date.month, date.day, date.hour, date.minute, date.second];
  return (allDay ? parts.slice(0, 3) : parts) as unknown as ics.DateArray;
}
