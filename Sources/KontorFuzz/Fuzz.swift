#if KONTOR_LIBFUZZER
    /// libFuzzer's entry point; built with `-sanitize=fuzzer` (see the README, *Fuzzing*).
    @_cdecl("LLVMFuzzerTestOneInput")
    public func kontorFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
        FuzzEntryPoint.run(Array(UnsafeBufferPointer(start: data, count: count)))
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    func llvmFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    /// SwiftPM links an executable's entry point under `<module>_main`; hand control to libFuzzer's driver from there.
    @_cdecl("KontorFuzz_main")
    public func kontorFuzzMain(
        _ argc: CInt,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> CInt {
        var count = argc
        var arguments = argv
        return llvmFuzzerRunDriver(&count, &arguments) { data, size in kontorFuzzTestOneInput(data, size) }
    }
#else
    import Foundation

    /// Without libFuzzer: replays corpus files or folders (e.g. crashes libFuzzer found) through the entry point.
    @main
    struct FuzzReplay {
        static func main() throws {
            var count = 0
            for argument in CommandLine.arguments.dropFirst() {
                var isDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory)
                let files =
                    isDirectory.boolValue
                    ? try FileManager.default.contentsOfDirectory(atPath: argument).sorted().map {
                        (argument as NSString).appendingPathComponent($0)
                    } : [argument]
                for file in files {
                    guard let data = FileManager.default.contents(atPath: file) else { continue }
                    FuzzEntryPoint.run(Array(data))
                    count += 1
                }
            }
            print("replayed \(count) input(s) without a crash")
        }
    }
#endif
