using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// Reads a small secret or state file the safe way: one open that does not follow a symbolic link (O_NOFOLLOW) and
/// does not block on a FIFO, then every check on that open handle (fstat: a regular file, owned by this process'
/// effective user, no group/other permission bits, the expected size) and a bounded read from the same handle, so
/// nothing can be swapped between the check and the read. On Linux x64/arm64 all of this holds; elsewhere the mode
/// and size are still checked on the handle, a symlink is refused by a check before opening, and the owner is not
/// checked (documented in the library README).
/// </summary>
internal static partial class OwnerOnlyFile
{
    private const int OReadOnly = 0;
    private const int ONonBlock = 0x800; // 04000 on x64 and arm64
    private const int OCloExec = 0x80000; // 02000000 on x64 and arm64
    private const int ELoop = 40;
    private const uint TypeMask = 0xF000;
    private const uint TypeRegular = 0x8000;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// The file's bytes (at most <paramref name="maxLength"/>); throws <see cref="InvalidDataException"/> naming the
    /// file and the broken rule (symlink, not a regular file, wrong owner, open mode, too long), or an
    /// <see cref="IOException"/> when it cannot be opened.
    /// </summary>
    public static byte[] Read(string path, int maxLength, string what)
    {
        using SafeFileHandle handle = OpenNoFollow(path, what, out uint? ownerUid);
        UnixFileMode mode = OperatingSystem.IsWindows() ? 0 : File.GetUnixFileMode(handle);
        if ((mode & GroupOrOther) != 0)
        {
            throw new InvalidDataException($"{path}: {what} is accessible by group/others (mode {Convert.ToString((int)mode, 8)}); chmod 600 it");
        }

        if (ownerUid is { } uid && uid != GetEffectiveUid())
        {
            throw new InvalidDataException($"{path}: {what} is owned by uid {uid}, not by this process' user (uid {GetEffectiveUid()})");
        }

        long length = RandomAccess.GetLength(handle);
        if (length > maxLength)
        {
            throw new InvalidDataException($"{path}: {what} holds {length} bytes, at most {maxLength} expected");
        }

        // One byte more than allowed: a file that grew after the size check is still caught.
        byte[] buffer = new byte[maxLength + 1];
        int total = 0;
        int read;
        while (total < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(total), total)) > 0)
        {
            total += read;
        }

        if (total > maxLength)
        {
            throw new InvalidDataException($"{path}: {what} holds more than {maxLength} bytes");
        }

        return buffer[..total];
    }

    /// <summary>Flushes a directory's entries to disk (after a rename into it); a no-op where directories cannot be opened (Windows).</summary>
    public static void SyncDirectory(string directory)
    {
        if (!IsLinuxWithKnownLayout)
        {
            return;
        }

        int fd = Open(directory, OReadOnly | OCloExec);
        if (fd < 0)
        {
            throw new IOException($"{directory}: cannot open the directory to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (FSync(fd) != 0)
        {
            throw new IOException($"{directory}: fsync of the directory failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    [SupportedOSPlatformGuard("linux")]
    private static bool IsLinuxWithKnownLayout =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    private static SafeFileHandle OpenNoFollow(string path, string what, out uint? ownerUid)
    {
        ownerUid = null;
        if (!IsLinuxWithKnownLayout)
        {
            if (new FileInfo(path).LinkTarget is not null)
            {
                throw new InvalidDataException($"{path}: {what} is a symbolic link; give the file itself");
            }

            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }

        int noFollow = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 0x20000 : 0x8000; // O_NOFOLLOW
        int fd = Open(path, OReadOnly | noFollow | ONonBlock | OCloExec);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == ELoop)
            {
                throw new InvalidDataException($"{path}: {what} is a symbolic link; give the file itself");
            }

            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw new FileNotFoundException($"{path}: {what} not found", path);
            }

            throw new IOException($"{path}: cannot open {what} (errno {errno})");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            ownerUid = CheckedOwner(fd, handle, path, what);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>fstat through the open descriptor: a regular file; returns its owner. The layout is cross-checked against .NET's own view of the handle.</summary>
    [SupportedOSPlatform("linux")]
    private static unsafe uint CheckedOwner(int fd, SafeFileHandle handle, string path, string what)
    {
        byte* stat = stackalloc byte[256];
        if (FStat(fd, stat) != 0)
        {
            throw new IOException($"{path}: fstat of {what} failed (errno {Marshal.GetLastPInvokeError()})");
        }

        // glibc struct stat: x86_64 st_mode at 24, st_uid at 28; arm64 (generic layout) st_mode at 16, st_uid at 24;
        // st_size at 48 on both.
        bool x64 = RuntimeInformation.ProcessArchitecture == Architecture.X64;
        uint mode = *(uint*)(stat + (x64 ? 24 : 16));
        uint uid = *(uint*)(stat + (x64 ? 28 : 24));
        long size = *(long*)(stat + 48);
        if ((mode & TypeMask) != TypeRegular)
        {
            throw new InvalidDataException($"{path}: {what} is not a regular file");
        }

        if ((mode & 0xFFF) != (uint)File.GetUnixFileMode(handle) || size != RandomAccess.GetLength(handle))
        {
            throw new IOException($"{path}: cannot verify the owner of {what} (unexpected stat layout)");
        }

        return uid;
    }

    private static uint GetEffectiveUid() => IsLinuxWithKnownLayout ? GetEuid() : 0;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static unsafe partial int FStat(int fd, byte* stat);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}
