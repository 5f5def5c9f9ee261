// Read an .ics on stdin with Mozilla ical.js (Thunderbird's parser); print its events as JSON.
// Usage: node check.mjs < plan.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function utc(time) {
  if (!time) return null;
  return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

function zoneOf(time) {
  if (!time) return null;
  // Unregistered TZIDs silently become floating times in ical.js; report that instead.
  return time.zone ? time.zone.tzid : null;
}

function alarm(component) {
  const trigger = component.getFirstPropertyValue("trigger");
  return {
    action: component.getFirstPropertyValue("action"),
    description: component.getFirstPropertyValue("description"),
    trigger: trigger ? trigger.toString() : null,
    related: component.getFirstProperty("trigger")?.getParameter("related") ?? null,
  };
}

function event(component) {
  const item = new ICAL.Event(component);
  return {
    uid: item.uid,
    summary: item.summary,
    description: item.description,
    start: utc(item.startDate),
    end: utc(item.endDate),
    startZone: zoneOf(item.startDate),
    endZone: zoneOf(item.endDate),
    startLocal: item.startDate.toString(),
    stamp: utc(component.getFirstPropertyValue("dtstamp")),
    sequence: component.getFirstPropertyValue("sequence"),
    transp: component.getFirstPropertyValue("transp"),
    status: component.getFirstPropertyValue("status"),
    categories: component.getAllProperties("categories").flatMap((p) => p.getValues()),
    alarms: component.getAllSubcomponents("valarm").map(alarm),
  };
}

const text = readFileSync(0, "utf8");
const calendar = new ICAL.Component(ICAL.parse(text));
const zones = calendar.getAllSubcomponents("vtimezone");
for (const zone of zones) {
  ICAL.TimezoneService.register(zone);
}
const result = {
  version: calendar.getFirstPropertyValue("version"),
  prodid: calendar.getFirstPropertyValue("prodid"),
  method: calendar.getFirstPropertyValue("method"),
  name: calendar.getFirstPropertyValue("x-wr-calname"),
  timezone: calendar.getFirstPropertyValue("x-wr-timezone"),
  zones: zones.map((zone) => zone.getFirstPropertyValue("tzid")),
  events: calendar.getAllSubcomponents("vevent").map(event),
};
process.stdout.write(JSON.stringify(result, null, 2) + "\n");
