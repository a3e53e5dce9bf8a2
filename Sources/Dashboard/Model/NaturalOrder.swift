/// Orders names as people count: `node-2` before `node-10` (digit runs compare as numbers).
enum NaturalOrder {
    static func less(_ a: String, _ b: String) -> Bool {
        var i = a.unicodeScalars.makeIterator(), j = b.unicodeScalars.makeIterator()
        var x = i.next(), y = j.next()
        while let p = x, let q = y {
            if p.properties.numericType == .decimal && q.properties.numericType == .decimal && p.isASCII && q.isASCII {
                var m = "", n = ""
                while let d = x, d.isASCII, d.properties.numericType == .decimal { m.unicodeScalars.append(d); x = i.next() }
                while let d = y, d.isASCII, d.properties.numericType == .decimal { n.unicodeScalars.append(d); y = j.next() }
                // Compare digit runs by length once leading zeros are gone, then digit by digit,
                // so runs of any length never overflow.
                let m0 = m.drop { $0 == "0" }, n0 = n.drop { $0 == "0" }
                if m0.count != n0.count { return m0.count < n0.count }
                if m0 != n0 { return m0 < n0 }
                if m.count != n.count { return m.count < n.count }
                continue
            }
            if p != q { return p.value < q.value }
            x = i.next(); y = j.next()
        }
        return x == nil && y != nil
    }
}
