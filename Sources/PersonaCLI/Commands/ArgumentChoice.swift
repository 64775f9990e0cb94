import ArgumentParser

/// An option whose value is one of a fixed list of names (its raw values).
///
/// The names that help and shell completions list are the raw values, made
/// here with a plain closure: swift-argument-parser's default for such types
/// builds a key path, which costs a start-up a few hundred thousand
/// instructions for each type.
protocol ArgumentChoice: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension ArgumentChoice {
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }
}
