// Names for SIDs (a room's unique name, a participant's identity), looked up once per page, and
// the reverse for filters typed by name.
import { api, ApiError } from './api.js';

const rooms = new Map();
const people = new Map();

export function roomName(sid) {
  if (!sid) return Promise.resolve('—');
  if (!rooms.has(sid)) {
    rooms.set(sid, api.get(`/v1/Rooms/${sid}`).then((r) => r.unique_name || sid, () => sid));
  }
  return rooms.get(sid);
}

export function identity(roomSid, participantSid) {
  if (!participantSid) return Promise.resolve('—');
  if (!people.has(participantSid)) {
    people.set(participantSid, api.get(`/v1/Rooms/${roomSid}/Participants/${participantSid}`)
      .then((p) => p.identity, () => participantSid));
  }
  return people.get(participantSid);
}

/** A room SID for a filter given as a SID or a unique name (the newest room of that name). */
export async function resolveRoom(value) {
  if (/^RM[0-9a-fA-F]{32}$/.test(value)) return value;
  for (const status of ['in-progress', 'completed']) {
    const found = (await api.page('/v1/Rooms', 'rooms', { Status: status, UniqueName: value, PageSize: 1 })).items;
    if (found.length) return found[0].sid;
  }
  throw new ApiError(400, 20001, `No room is named “${value}” in this account`);
}

/** A participant SID for a filter given as a SID, or as an identity within a room. */
export async function resolveParticipant(value, roomSid) {
  if (/^PA[0-9a-fA-F]{32}$/.test(value)) return value;
  if (!roomSid) throw new ApiError(400, 20001, 'Filter by a participant’s identity within a room, or give its PA SID');
  const found = (await api.page(`/v1/Rooms/${roomSid}/Participants`, 'participants', { Identity: value, PageSize: 1 })).items;
  if (!found.length) throw new ApiError(400, 20001, `Nobody named “${value}” joined that room`);
  return found[0].sid;
}
