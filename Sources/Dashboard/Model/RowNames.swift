/// A pane's rows in display order, read by position. Most panes keep their names in an array;
/// the Events pane reads the view's event log newest first where it lies, so a frame of a
/// cluster with hundreds of thousands of events reads the dozen it shows instead of copying
/// every name. The events are read as the log is when read: use the rows within the step that
/// asked for them.
public struct RowNames: RandomAccessCollection {
    private let names: [String]?
    private let lookup: ((Int) -> String)?
    public let endIndex: Int
    public var startIndex: Int { 0 }

    init(_ names: [String]) {
        self.names = names
        lookup = nil
        endIndex = names.count
    }

    init(count: Int, lookup: @escaping (Int) -> String) {
        names = nil
        self.lookup = lookup
        endIndex = count
    }

    public subscript(position: Int) -> String {
        if let names { return names[position] }
        precondition(position >= 0 && position < endIndex, "row \(position) of \(endIndex)")
        return lookup!(position)
    }

    /// The names as an array (copied out of the log for Events).
    public var array: [String] { names ?? Array(self) }
}

extension RowNames: Equatable {
    public static func == (lhs: RowNames, rhs: RowNames) -> Bool { lhs.elementsEqual(rhs) }
    public static func == (lhs: RowNames, rhs: [String]) -> Bool { lhs.elementsEqual(rhs) }
}
