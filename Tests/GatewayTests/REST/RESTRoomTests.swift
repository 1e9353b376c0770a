import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// 004 section 5: rooms.
@Suite("REST rooms")
struct RESTRoomTests {
    @Test("GET /rooms/ lists the live rooms with the envelope, string counters and room items")
    func listRooms() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let empty = try await rest.send("GET", "/rooms/")
            #expect(empty.status == 200)
            #expect(empty.json.restKeys == ["status", "code", "msg", "pageSize", "currentPage", "totalPage", "total", "results"])
            #expect(empty["pageSize"] == "30")
            #expect(empty["currentPage"] == "1")
            #expect(empty["totalPage"] == "1")
            #expect(empty["total"] == "0")
            #expect(empty["results"] == [])
            let alice = try await rest.register()
            let bob = try await rest.register()
            let alicePK = try await rest.roomPK(of: alice)
            // Idle rooms are not listed.
            #expect(try await rest.liveRooms().isEmpty)
            let put = try await rest.send("PUT", "/rooms/\(alicePK)/", json: ["active": true], token: alice.token)
            #expect(put.status == 200)
            let list = try await rest.send("GET", "/rooms/?page=1")
            #expect(list["total"] == "1")
            let item = try #require(list["results"]?.arrayValue?.first)
            #expect(item.restKeys == restRoomKeys)
            #expect(item["pk"] == .string(String(alicePK)))
            #expect(item["roomid"] == .string(alice.roomid))
            #expect(item["room_alias"] == .string(alice.roomid))
            #expect(item["active"] == true)
            #expect(item["username"] == .string(alice.username))
            #expect(item["image"] == "")
            _ = bob
        }
    }

    @Test("GET /rooms/ pages: page and pageSize as strings, bounds, past the end is empty")
    func pagination() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            var pks: [String] = []
            for _ in 0..<5 {
                let user = try await rest.register()
                let pk = try await rest.roomPK(of: user)
                #expect(try await rest.send("PUT", "/rooms/\(pk)/", json: ["active": "true"], token: user.token).status == 200)
                pks.append(String(pk))
            }
            let page1 = try await rest.send("GET", "/rooms/?page=1&pageSize=2")
            #expect(page1["pageSize"] == "2")
            #expect(page1["currentPage"] == "1")
            #expect(page1["totalPage"] == "3")
            #expect(page1["total"] == "5")
            #expect(page1["results"]?.arrayValue?.count == 2)
            let page3 = try await rest.send("GET", "/rooms?page=3&pageSize=2")
            #expect(page3["results"]?.arrayValue?.count == 1)
            #expect(page3["currentPage"] == "3")
            // Newest live first, and the pages do not overlap.
            var seen: [String] = []
            for page in 1...3 {
                let r = try await rest.send("GET", "/rooms/?page=\(page)&pageSize=2")
                seen += (r["results"]?.arrayValue ?? []).compactMap { $0["pk"]?.stringValue }
            }
            #expect(seen == pks.reversed())
            let past = try await rest.send("GET", "/rooms/?page=99&pageSize=2")
            #expect(past.status == 200)
            #expect(past["results"] == [])
            #expect(past["currentPage"] == "99")
            #expect(past["total"] == "5")
            // JSON numbers and a body work too; "" means the default.
            let json = try await rest.send("GET", "/rooms/?page=&pageSize=")
            #expect(json["pageSize"] == "30")
            #expect(json["currentPage"] == "1")
            // A pageSize beyond the maximum is cut to it.
            #expect(try await rest.send("GET", "/rooms/?pageSize=1000")["pageSize"] == "100")
            for bad in ["page=0", "page=-1", "page=abc", "pageSize=0", "pageSize=x", "page=1.5"] {
                let r = try await rest.send("GET", "/rooms/?\(bad)")
                #expect(r.status == 400, "\(bad)")
                #expect(r.msg.hasPrefix(bad.split(separator: "=")[0] + ":"), "\(bad): \(r.msg)")
            }
        }
    }

    @Test("The page size default and maximum are settings")
    func pageSettings() async throws {
        try await withGateway(["rest_page_size": "5", "rest_max_page_size": "10"]) { (gateway: TestGateway) async throws in
            let rest = RESTClient(gateway)
            #expect(try await rest.send("GET", "/rooms/")["pageSize"] == "5")
            #expect(try await rest.send("GET", "/rooms/?pageSize=50")["pageSize"] == "10")
        }
    }

    @Test("GET /rooms/{pk}/ shows any room, live or not; 404 for an unknown or malformed pk")
    func getRoom() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            let pk = try await rest.roomPK(of: user)
            let r = try await rest.send("GET", "/rooms/\(pk)/")
            #expect(r.status == 200)
            #expect(r.json.restKeys == ["status", "code", "msg"] + restRoomKeys)
            #expect(r["pk"] == .string(String(pk)))
            #expect(r["active"] == false)
            #expect(r["roomid"] == .string(user.roomid))
            #expect(try await rest.send("GET", "/rooms/\(pk)")["pk"] == .string(String(pk)))
            for bad in ["999999", "0", "-1", "abc", "1.5"] {
                let missing = try await rest.send("GET", "/rooms/\(bad)/")
                #expect(missing.status == 404, "\(bad)")
                #expect(missing.msg == "房间不存在")
            }
        }
    }

    @Test("PUT /rooms/{pk}/ sets active; the client's whole ModifyRoom object is accepted")
    func putRoom() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            let pk = try await rest.roomPK(of: user)
            // What the Android client sends: the whole item back, with Content-Type and Accept JSON, token by header.
            let modify: JSONValue = ["pk": .string(String(pk)), "room_alias": .string(user.roomid), "roomid": .string(user.roomid),
                                     "image": "", "username": .string(user.username), "active": true,
                                     "status": "SUCCESS", "msg": "", "code": "200"]
            let on = try await rest.send("PUT", "/rooms/\(pk)/", json: modify, token: user.token,
                                         headers: [("Accept", "application/json")])
            #expect(on.status == 200)
            #expect(on.msg == "修改成功")
            #expect(on["active"] == true)
            #expect(on["code"] == "200")
            #expect(try await gateway.core.rooms.view(roomID: pk, viewer: nil).isLive)
            // Without active nothing changes; false ends it; "0"/"1" and form bodies work.
            #expect(try await rest.send("PUT", "/rooms/\(pk)/", json: [:], token: user.token)["active"] == true)
            #expect(try await rest.send("PUT", "/rooms/\(pk)/", json: ["active": false], token: user.token)["active"] == false)
            #expect(try await rest.send("PUT", "/rooms/\(pk)/", form: [("active", "1"), ("token", user.token)])["active"] == true)
            #expect(try await rest.send("PUT", "/rooms/\(pk)", form: [("active", "False"), ("token", user.token)])["active"] == false)
            // room_alias can be changed.
            let renamed = try await rest.send("PUT", "/rooms/\(pk)/", json: ["room_alias": "studio-7"], token: user.token)
            #expect(renamed["room_alias"] == "studio-7")
            #expect(renamed["roomid"] == .string(user.roomid))
        }
    }

    @Test("PUT /rooms/{pk}/: 400 bad active, 401 no token, 403 another's room, 404 unknown room")
    func putRoomErrors() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let owner = try await rest.register()
            let other = try await rest.register()
            let pk = try await rest.roomPK(of: owner)
            for bad: JSONValue in ["yes", 2, ["a"], 1.5] {
                let r = try await rest.send("PUT", "/rooms/\(pk)/", json: ["active": bad], token: owner.token)
                #expect(r.status == 400)
                #expect(r.msg.hasPrefix("active:"))
            }
            #expect(try await rest.send("PUT", "/rooms/\(pk)/", json: ["active": true]).status == 401)
            let theirs = try await rest.send("PUT", "/rooms/\(pk)/", json: ["active": true], token: other.token)
            #expect(theirs.status == 403)
            #expect(theirs.msg == "无权修改此房间")
            #expect(try await rest.send("PUT", "/rooms/987654/", json: ["active": true], token: owner.token).status == 404)
            #expect(try await rest.send("PUT", "/rooms/x/", json: ["active": true], token: owner.token).status == 404)
            #expect(try await rest.send("PUT", "/rooms/\(pk)/", body: Array("{\"active\": tru".utf8),
                                        contentType: "application/json", token: owner.token).status == 400)
            let tooLong = try await rest.send("PUT", "/rooms/\(pk)/", json: ["room_alias": .string(String(repeating: "a", count: 65))],
                                              token: owner.token)
            #expect(tooLong.status == 400)
            #expect(tooLong.msg.hasPrefix("room_alias:"))
            #expect(try await gateway.core.rooms.view(roomID: pk, viewer: nil).isLive == false)
        }
    }

    @Test("POST /rooms/ updates the room named by room_alias and answers 201")
    func postRoom() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            let pk = try await rest.roomPK(of: user)
            let r = try await rest.send("POST", "/rooms/", json: ["room_alias": .string(user.roomid), "active": true], token: user.token)
            #expect(r.status == 201)
            #expect(r["code"] == "201")
            #expect(r.json.restKeys == ["status", "code", "msg"] + restRoomKeys)
            #expect(r["pk"] == .string(String(pk)))
            #expect(r["active"] == true)
            #expect(try await rest.liveRooms().count == 1)
            let off = try await rest.send("POST", "/rooms", form: [("room_alias", user.roomid), ("active", "false"), ("token", user.token)])
            #expect(off.status == 201)
            #expect(off["active"] == false)
        }
    }

    @Test("POST /rooms/: 400 missing alias or bad active, 401, 404 another's alias or an unknown one; a roomless user gets a room")
    func postRoomErrors() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let owner = try await rest.register()
            let other = try await rest.register()
            #expect(try await rest.send("POST", "/rooms/", json: ["active": true], token: owner.token).msg.hasPrefix("room_alias:"))
            #expect(try await rest.send("POST", "/rooms/", json: ["room_alias": .string(owner.roomid), "active": "x"],
                                        token: owner.token).msg.hasPrefix("active:"))
            #expect(try await rest.send("POST", "/rooms/", json: ["room_alias": .string(owner.roomid)]).status == 401)
            // Only the caller's own room is looked at: another's alias is not found for them.
            #expect(try await rest.send("POST", "/rooms/", json: ["room_alias": .string(owner.roomid), "active": true],
                                        token: other.token).status == 404)
            #expect(try await rest.send("POST", "/rooms/", json: ["room_alias": "nowhere"], token: owner.token).status == 404)
            // After a DELETE, POST opens the caller's room again under the alias.
            let pk = try await rest.roomPK(of: owner)
            #expect(try await rest.send("DELETE", "/rooms/\(pk)/", token: owner.token).status == 204)
            let reopened = try await rest.send("POST", "/rooms/", json: ["room_alias": "back-again", "active": true], token: owner.token)
            #expect(reopened.status == 201)
            #expect(reopened["room_alias"] == "back-again")
            #expect(reopened["active"] == true)
            #expect(reopened["pk"] != .string(String(pk)))
        }
    }

    @Test("DELETE /rooms/{pk}/ answers 204 with an empty body and ends the room everywhere")
    func deleteRoom() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let owner = try await rest.register()
            let other = try await rest.register()
            let pk = try await rest.roomPK(of: owner)
            _ = try await rest.send("PUT", "/rooms/\(pk)/", json: ["active": true], token: owner.token)
            #expect(try await rest.send("DELETE", "/rooms/\(pk)/").status == 401)
            let theirs = try await rest.send("DELETE", "/rooms/\(pk)/", token: other.token)
            #expect(theirs.status == 403)
            #expect(try await rest.send("DELETE", "/rooms/424242/", token: owner.token).status == 404)
            let deleted = try await rest.send("DELETE", "/rooms/\(pk)", json: ["token": .string(owner.token)])
            #expect(deleted.status == 204)
            #expect(deleted.result.body.isEmpty)
            #expect(try await rest.liveRooms().isEmpty)
            #expect(try await rest.send("GET", "/rooms/\(pk)/").status == 404)
            #expect(try await rest.send("DELETE", "/rooms/\(pk)/", token: owner.token).status == 404)
            // The user's body has no room any more.
            #expect(try await rest.login(owner.username)["roomid"] == "")
        }
    }

    @Test("another user giving their room my alias does not lock me out of POST /rooms/")
    func aliasTakenByAnother() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let older = try await rest.register()
            let newer = try await rest.register()
            let olderPK = try await rest.roomPK(of: older)
            #expect(try await rest.send("PUT", "/rooms/\(olderPK)/", json: ["room_alias": .string(newer.roomid)], token: older.token).status == 200)
            let mine = try await rest.send("POST", "/rooms/", json: ["room_alias": .string(newer.roomid), "active": true], token: newer.token)
            #expect(mine.status == 201)
            let newerPK = try await rest.roomPK(of: newer)
            #expect(mine["pk"] == .string(String(newerPK)))
            #expect(mine["active"] == true)
            // And the older user's room was not touched by it.
            let theirs = try await rest.send("GET", "/rooms/\(olderPK)/", token: older.token)
            #expect(theirs["active"] == false)
        }
    }
}
