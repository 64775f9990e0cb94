import Foundation

/// The current directory, for turning relative paths into file URIs.
enum FileManagerPath {
    static var current: String { FileManager.default.currentDirectoryPath }
}
