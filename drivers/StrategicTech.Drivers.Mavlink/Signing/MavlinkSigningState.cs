using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// Persists a signer's last timestamp so signing stays monotonic across restarts: at least once a minute
/// (<see cref="Tick"/>) and on shutdown (<see cref="Dispose"/>). Each write goes to a fresh owner-only temporary file
/// (created exclusively, so a planted file or link is never written through), is flushed to disk, renamed over the
/// state file, and the directory is synced, so a power cut leaves the old or the new state, never half of one.
/// <see cref="Start"/> loads it safely (<see cref="Load"/>); a damaged file never stops signing from starting.
/// </summary>
public sealed class MavlinkSigningState : IDisposable
{
    /// <summary>
    /// Added to the stored timestamp on start-up. The state is written once a minute, so after a crash the last
    /// timestamp actually sent can be up to a minute of signing (6 000 000 units of 10 µs) ahead of the stored one;
    /// starting a minute later keeps every new timestamp above any a receiver has seen, even without a wall clock.
    /// </summary>
    public const ulong StartMargin = MavlinkSignature.OneMinute;

    // A decimal ulong is at most 20 digits; room for a trailing newline or spaces.
    private const int MaxFileLength = 32;
    private const long PersistIntervalUs = 60_000_000;
    private readonly string _path;
    private readonly MavlinkSigner _signer;
    private long _lastPersistUs = long.MinValue;
    private ulong _lastPersisted;
    private bool _persistedOnce;

    public MavlinkSigningState(string path, MavlinkSigner signer)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(signer);
        _path = path;
        _signer = signer;
    }

    /// <summary>The signer this state persists.</summary>
    public MavlinkSigner Signer => _signer;

    /// <summary>What <see cref="Start"/> found in the state file (default when constructed directly).</summary>
    public SigningStateLoad Loaded { get; private init; }

    /// <summary>Damaged state files met on start-up (0 or 1; signing then started from the wall clock).</summary>
    public int DamagedLoads => Loaded.IsDamaged ? 1 : 0;

    /// <summary>Writes that failed (I/O error); the next <see cref="Tick"/> tries again.</summary>
    public long PersistFailures { get; private set; }

    /// <summary>
    /// Starts signing for one link from the state at <paramref name="path"/>: the first timestamp is the later of
    /// the wall clock and the stored timestamp + <see cref="StartMargin"/>. A missing file starts from the clock; a
    /// damaged one (unreadable, not a number, too long, a symlink, open to group/others, another owner) also starts
    /// from the clock and is reported in <see cref="Loaded"/> and <see cref="DamagedLoads"/>.
    /// </summary>
    public static MavlinkSigningState Start(string path, MavlinkSigningKey key, byte linkId, IUnixTimeSource clock)
    {
        SigningStateLoad loaded = Load(path);
        ulong start = loaded.StoredTimestamp is { } stored ? stored + StartMargin : 0;
        return new MavlinkSigningState(path, new MavlinkSigner(key, linkId, clock, start)) { Loaded = loaded };
    }

    /// <summary>Reads the state file without throwing: the stored timestamp, nothing (no file yet), or why it is damaged.</summary>
    public static SigningStateLoad Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path) && new FileInfo(path).LinkTarget is null)
        {
            return default;
        }

        try
        {
            string text = Encoding.ASCII.GetString(OwnerOnlyFile.Read(path, MaxFileLength, "signing timestamp file")).Trim();
            return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)
                ? new SigningStateLoad(value, null)
                : new SigningStateLoad(null, $"{path}: signing timestamp '{text}' is not an unsigned integer");
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return new SigningStateLoad(null, e.Message);
        }
    }

    /// <summary>The stored timestamp (no margin added); throws <see cref="InvalidDataException"/> for a damaged file, 0 when there is none.</summary>
    public static ulong LoadTimestamp(string path)
    {
        SigningStateLoad loaded = Load(path);
        return loaded.IsDamaged ? throw new InvalidDataException(loaded.Problem) : loaded.StoredTimestamp ?? 0;
    }

    /// <summary>Call periodically (not from the real-time loop) with the monotonic time; persists when a minute has passed.</summary>
    public void Tick(long nowUs)
    {
        if (_lastPersistUs == long.MinValue || nowUs - _lastPersistUs >= PersistIntervalUs)
        {
            TryPersist();
            _lastPersistUs = nowUs;
        }
    }

    /// <summary>Writes the signer's last timestamp (fresh temporary file, fsync, rename, directory sync); throws on I/O errors.</summary>
    public void Persist()
    {
        ulong timestamp = _signer.LastTimestamp;
        if (_persistedOnce && timestamp == _lastPersisted)
        {
            return;
        }

        string fullPath = Path.GetFullPath(_path);
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        string temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "\n"));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        OwnerOnlyFile.SyncDirectory(directory);
        _lastPersisted = timestamp;
        _persistedOnce = true;
    }

    /// <summary>Persists a last time; an I/O error is counted, not thrown.</summary>
    public void Dispose() => TryPersist();

    private void TryPersist()
    {
        try
        {
            Persist();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            PersistFailures++;
        }
    }
}
