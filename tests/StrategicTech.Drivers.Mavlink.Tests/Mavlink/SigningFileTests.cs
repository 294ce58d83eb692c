using System.Diagnostics;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>The signing key and timestamp files: opened once, checked on the handle, written atomically.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SigningFileTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // 2026-12-06 00:00:00 UTC.
    private const long NowUnixUs = 1_796_515_200_000_000;

    private readonly string _dir = Directory.CreateTempSubdirectory("mavlink-signing-files-").FullName;
    private readonly ManualClock _clock = new(NowUnixUs);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_key_file_reached_through_a_symbolic_link_is_refused()
    {
        string real = WriteKey("real.key", 32, OwnerOnly);
        string link = Path.Combine(_dir, "link.key");
        File.CreateSymbolicLink(link, real);

        Assert.Equal(32, MavlinkSigningKey.Load(real).Bytes.Length);
        var e = Assert.Throws<InvalidDataException>(() => MavlinkSigningKey.Load(link));
        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0b110_100_100)] // 0644
    [InlineData(0b110_110_000)] // 0660
    [InlineData(0b110_000_010)] // 0602
    [InlineData(0b100_000_001)] // 0401
    public void A_key_file_with_any_group_or_other_permission_is_refused(int mode)
    {
        string path = WriteKey("open.key", 32, (UnixFileMode)mode);
        var e = Assert.Throws<InvalidDataException>(() => MavlinkSigningKey.Load(path));
        Assert.Contains("chmod 600", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(4096)]
    public void A_key_file_that_is_not_exactly_32_bytes_is_refused(int length)
    {
        string path = WriteKey("sized.key", length, OwnerOnly);
        var e = Assert.Throws<InvalidDataException>(() => MavlinkSigningKey.Load(path));
        Assert.Contains($"holds {length} bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_path_that_is_a_directory_or_a_fifo_is_refused_without_blocking()
    {
        string directory = Path.Combine(_dir, "dir.key");
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Contains("not a regular file", Assert.Throws<InvalidDataException>(() => MavlinkSigningKey.Load(directory)).Message, StringComparison.Ordinal);

        string fifo = Path.Combine(_dir, "fifo.key");
        Assert.Equal(0, Run("mkfifo", "-m", "600", fifo));
        Assert.Contains("not a regular file", Assert.Throws<InvalidDataException>(() => MavlinkSigningKey.Load(fifo)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_owned_by_another_user_is_refused_when_the_test_can_chown()
    {
        // Changing a file's owner needs root; the rule is exercised where the tests run as root (as test.sh does here).
        string path = WriteKey("other.key", 32, OwnerOnly);
        if (Environment.UserName != "root")
        {
            Assert.Equal(32, MavlinkSigningKey.Load(path).Bytes.Length);
            return;
        }

        Assert.Equal(0, Run("chown", "65534", path));
        var e = Assert.Throws<InvalidDataException>(() => MavlinkSigningKey.Load(path));
        Assert.Contains("owned by uid 65534", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a number\n")]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("123456789012345678901234567890123456789")]
    public void A_damaged_timestamp_file_still_starts_signing_from_the_wall_clock_and_is_reported(string content)
    {
        string path = Path.Combine(_dir, "link.timestamp");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, OwnerOnly);

        AssertStartsFromTheClock(path);
    }

    [Fact]
    public void A_timestamp_file_that_is_a_symlink_or_open_to_others_counts_as_damaged()
    {
        string real = Path.Combine(_dir, "real.timestamp");
        File.WriteAllText(real, "999999999999999\n"); // far in the future: must not be taken from a file we cannot trust
        File.SetUnixFileMode(real, OwnerOnly);
        string link = Path.Combine(_dir, "link.timestamp");
        File.CreateSymbolicLink(link, real);
        AssertStartsFromTheClock(link);

        File.SetUnixFileMode(real, OwnerOnly | UnixFileMode.OtherWrite | UnixFileMode.OtherRead);
        AssertStartsFromTheClock(real);
    }

    [Fact]
    public void A_missing_timestamp_file_starts_from_the_clock_without_a_damage_report()
    {
        using MavlinkSigningState state = MavlinkSigningState.Start(Path.Combine(_dir, "none.timestamp"), MavlinkSigningKey.Generate(), 1, _clock);
        Assert.False(state.Loaded.IsDamaged);
        Assert.Equal(0, state.DamagedLoads);
        Assert.Equal(MavlinkSignature.TimestampFromUnixUs(NowUnixUs), FirstTimestamp(state));
    }

    [Fact]
    public void A_stored_timestamp_ahead_of_the_clock_restarts_one_minute_later()
    {
        string path = Path.Combine(_dir, "ahead.timestamp");
        ulong stored = MavlinkSignature.TimestampFromUnixUs(NowUnixUs) + 1_000_000; // 10 s ahead of the clock
        File.WriteAllText(path, stored + "\n");
        File.SetUnixFileMode(path, OwnerOnly);

        using MavlinkSigningState state = MavlinkSigningState.Start(path, MavlinkSigningKey.Generate(), 1, _clock);
        Assert.Equal(stored, state.Loaded.StoredTimestamp);
        Assert.Equal(stored + MavlinkSigningState.StartMargin + 1, FirstTimestamp(state));
    }

    [Fact]
    public void Persisting_replaces_a_planted_symlink_instead_of_writing_through_it_and_leaves_no_temporary_file()
    {
        string victim = Path.Combine(_dir, "victim");
        File.WriteAllText(victim, "keep");
        string path = Path.Combine(_dir, "link.timestamp");
        File.CreateSymbolicLink(path, victim);

        using (MavlinkSigningState state = MavlinkSigningState.Start(path, MavlinkSigningKey.Generate(), 1, _clock))
        {
            FirstTimestamp(state);
            state.Persist();
            Assert.Equal(0, state.PersistFailures);
        }

        Assert.Equal("keep", File.ReadAllText(victim));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal(MavlinkSignature.TimestampFromUnixUs(NowUnixUs), MavlinkSigningState.LoadTimestamp(path));
        Assert.Equal(["link.timestamp", "victim"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private void AssertStartsFromTheClock(string path)
    {
        using MavlinkSigningState state = MavlinkSigningState.Start(path, MavlinkSigningKey.Generate(), 1, _clock);
        Assert.True(state.Loaded.IsDamaged);
        Assert.Equal(1, state.DamagedLoads);
        Assert.Contains(path, state.Loaded.Problem, StringComparison.Ordinal);
        Assert.True(FirstTimestamp(state) >= MavlinkSignature.TimestampFromUnixUs(NowUnixUs));
        Assert.Throws<InvalidDataException>(() => MavlinkSigningState.LoadTimestamp(path));
    }

    private static ulong FirstTimestamp(MavlinkSigningState state)
    {
        var buffer = new byte[MavlinkConstants.MaxFrameLength];
        int length = new MavlinkFrameWriter(1, 1, state.Signer).WriteV2(new Heartbeat(), buffer);
        return MavlinkSignature.ReadTimestamp(buffer.AsSpan(length - 12, 6));
    }

    private string WriteKey(string name, int length, UnixFileMode mode)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, new byte[length]);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private static int Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { UseShellExecute = false })!;
        Assert.True(process.WaitForExit(30_000));
        return process.ExitCode;
    }
}
