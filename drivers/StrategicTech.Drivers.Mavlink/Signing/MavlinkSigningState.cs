using System.Globalization;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// Persists a signer's last timestamp so signing stays monotonic across restarts: at least once a minute
/// (<see cref="Tick"/>) and on shutdown (<see cref="Dispose"/>). Written to a temporary file then renamed, mode 0600.
/// </summary>
public sealed class MavlinkSigningState : IDisposable
{
    private const long PersistIntervalUs = 60_000_000;
    private readonly string _path;
    private readonly MavlinkSigner _signer;
    private long _lastPersistUs = long.MinValue;
    private ulong _lastPersisted;

    public MavlinkSigningState(string path, MavlinkSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        _path = path;
        _signer = signer;
    }

    /// <summary>The persisted timestamp at <paramref name="path"/>, or 0 when there is none yet.</summary>
    public static ulong LoadTimestamp(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        string text = File.ReadAllText(path).Trim();
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw new InvalidDataException($"{path}: signing timestamp '{text}' is not an unsigned integer");
    }

    /// <summary>Call periodically (not from the real-time loop) with the monotonic time; persists when a minute has passed.</summary>
    public void Tick(long nowUs)
    {
        if (_lastPersistUs == long.MinValue || nowUs - _lastPersistUs >= PersistIntervalUs)
        {
            Persist();
            _lastPersistUs = nowUs;
        }
    }

    public void Persist()
    {
        ulong timestamp = _signer.LastTimestamp;
        if (timestamp == _lastPersisted && File.Exists(_path))
        {
            return;
        }

        string temp = _path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temp, options))
        {
            writer.Write(timestamp.ToString(CultureInfo.InvariantCulture));
        }

        File.Move(temp, _path, overwrite: true);
        _lastPersisted = timestamp;
    }

    public void Dispose() => Persist();
}
