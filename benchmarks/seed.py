#!/usr/bin/env python3
"""Seeds a running gateway for `make bench` through its own HTTP API (QPlus), on one keep-alive
connection: USERS users who follow one another, the first ROOMS of them live with rooms.

usage: seed.py PORT USERS ROOMS [FIRST_LIVE]
  FIRST_LIVE: rooms already live from an earlier call (to grow 30 live rooms to 1,000).
Prints a JSON object: a viewer's sessionId, an anchor's sessionId and the anchor's room id.
"""
import http.client
import json
import random
import sys

port, users, rooms = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
first_live = int(sys.argv[4]) if len(sys.argv) > 4 else 0
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)


def post(path, body):
    connection.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
    answer = json.loads(connection.getresponse().read())
    if answer.get("status") not in (10000, 10102, 10103):  # already registered (a second call)
        raise SystemExit(f"{path} {body}: {answer}")
    return answer


random.seed(7)
sessions = []
for index in range(users):
    account = f"bench{index:05d}"
    post("/live/Register", {"account": account, "password": "bench123", "phone": f"139{index:08d}"})
    sessions.append(post("/live/Login", {"account": account, "password": "bench123"})["sessionId"])

room_ids = []
for index in range(rooms):
    session = sessions[index]
    created = post("/live/CreateLiveRoom", {"sessionId": session, "liveRoomName": f"room {index}"}) if index >= first_live \
        else post("/live/GetMyLiveRoomId", {"sessionId": session})
    room_id = created.get("liveRoomId") or created.get("LiveRoomId")
    room_ids.append(room_id)
    if index >= first_live:
        post("/live/PushLiveStream", {"sessionId": session, "liveRoomId": room_id, "status": 1, "timeout": 86400})

if first_live == 0:
    # Everyone follows ten random live rooms; the viewer (the last user) follows the first thirty.
    for index, session in enumerate(sessions[:-1]):
        others = [room_id for owner, room_id in enumerate(room_ids) if owner != index]  # not one's own room
        for room_id in random.sample(others, min(10, len(others))):
            post("/live/FollowLiveRoom", {"sessionId": session, "liveRoomId": room_id, "isFollow": 1})
    for room_id in room_ids[:30]:
        post("/live/FollowLiveRoom", {"sessionId": sessions[-1], "liveRoomId": room_id, "isFollow": 1})

print(json.dumps({"viewer": sessions[-1], "anchor": sessions[0], "room": room_ids[0]}))
