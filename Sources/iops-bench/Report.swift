/// The figures, printed as one aligned table at the end.
struct Report {
    struct Row {
        var section: String
        var label: String
        var figure: String
        var target: String
        var verdict: String
        var note: String
    }

    var header = ""
    var footer = ""
    var rows: [Row] = []
    var engineLoadRate = 0.0
    var rawLoadRate = 0.0

    mutating func add(_ section: String, _ label: String, _ figure: String, target: String = "",
                      meets: Bool? = nil, note: String = "") {
        let verdict = meets.map { $0 ? "meets" : "MISSES" } ?? ""
        rows.append(Row(section: section, label: label, figure: figure, target: target, verdict: verdict, note: note))
    }

    func render() -> String {
        func width(_ column: (Row) -> String, _ title: String) -> Int {
            rows.map { column($0).count }.reduce(title.count, max)
        }
        let ws = width(\.section, ""), wl = width(\.label, "measure"), wf = width(\.figure, "figure")
        let wt = width(\.target, "target"), wv = width(\.verdict, "")
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        func padLeft(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
        func line(_ r: Row) -> String {
            var text = "\(pad(r.section, ws))  \(pad(r.label, wl))  \(padLeft(r.figure, wf))  \(pad(r.target, wt))  \(pad(r.verdict, wv))"
            if !r.note.isEmpty { text += "  \(r.note)" }
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = ["", header, ""]
        out.append(line(Row(section: "", label: "measure", figure: "figure", target: "target", verdict: "", note: "")))
        out.append(String(repeating: "-", count: ws + wl + wf + wt + wv + 8))
        var previous = ""
        for row in rows {
            var shown = row
            if row.section == previous { shown.section = "" }
            previous = row.section
            out.append(line(shown))
        }
        if !footer.isEmpty { out.append(""); out.append(footer) }
        return out.joined(separator: "\n")
    }
}
