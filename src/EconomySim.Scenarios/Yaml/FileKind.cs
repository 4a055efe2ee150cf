using System.Runtime.InteropServices;

namespace EconomySim.Scenarios.Yaml;

/// <summary>
/// What kind of file a path names, found without opening it. .NET tells a directory from a file but not a regular file
/// from a named pipe or a device, and opening a named pipe blocks until something writes to it, so the loader asks the
/// kernel first (Linux <c>statx</c>, whose layout is the same on every architecture).
/// </summary>
internal static class FileKind
{
    public enum Kind { Regular, Directory, NamedPipe, CharacterDevice, BlockDevice, Socket, Other }

    /// <summary>The kind of file at <paramref name="path"/> (links followed), or null where the system cannot say.</summary>
    public static Kind? Of(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[StatxSize];
        try
        {
            if (Statx(AtCurrentDirectory, path, 0, StatxType, buffer) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        var mode = BitConverter.ToUInt16(buffer, ModeOffset);
        return (mode & 0xF000) switch
        {
            0x8000 => Kind.Regular,
            0x4000 => Kind.Directory,
            0x1000 => Kind.NamedPipe,
            0x2000 => Kind.CharacterDevice,
            0x6000 => Kind.BlockDevice,
            0xC000 => Kind.Socket,
            _ => Kind.Other,
        };
    }

    public static string Describe(Kind kind) => kind switch
    {
        Kind.Regular => "a regular file",
        Kind.Directory => "a directory",
        Kind.NamedPipe => "a named pipe (FIFO)",
        Kind.CharacterDevice => "a character device",
        Kind.BlockDevice => "a block device",
        Kind.Socket => "a socket",
        _ => "a special file",
    };

    // struct statx is 256 bytes; stx_mode is the 16-bit field after stx_mask, stx_blksize, stx_attributes, stx_nlink,
    // stx_uid and stx_gid (linux/stat.h).
    private const int StatxSize = 256;
    private const int ModeOffset = 28;
    private const uint StatxType = 0x1;
    private const int AtCurrentDirectory = -100;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
