/// Request rates and shares as kubesim prints them everywhere (`sim traffic`, the Traffic pane,
/// the REQ/S column), so the same figure reads the same in each place.
public enum RateText {
    /// `0`, `0.4`, `16.0`, `120`: a tenth while under 100, whole numbers from 100 up.
    public static func perSecond(_ rate: Double) -> String {
        if rate <= 0 { return "0" }
        let tenths = Int((rate * 10).rounded())
        if tenths >= 1000 { return String(Int(rate.rounded())) }
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `0%`, `2.5%`, `22.0%`, `100%`: always a tenth between nothing and all, so shares
    /// side by side line up.
    public static func percent(_ ratio: Double) -> String {
        let tenths = Int((ratio * 1000).rounded())
        if tenths <= 0 { return "0%" }
        if tenths >= 1000 { return "100%" }
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
