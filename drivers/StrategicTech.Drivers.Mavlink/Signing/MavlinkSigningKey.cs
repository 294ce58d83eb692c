using System.Security.Cryptography;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>A 32-byte MAVLink signing secret. Stored only in a file readable by its owner (mode 0600).</summary>
public sealed class MavlinkSigningKey
{
    private readonly byte[] _key;

    public MavlinkSigningKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != MavlinkSignature.KeyLength)
        {
            throw new ArgumentException($"a MAVLink signing key is {MavlinkSignature.KeyLength} bytes, got {key.Length}", nameof(key));
        }

        _key = key.ToArray();
    }

    public ReadOnlySpan<byte> Bytes => _key;

    public static MavlinkSigningKey Generate() => new(RandomNumberGenerator.GetBytes(MavlinkSignature.KeyLength));

    /// <summary>Writes the key to a new file created with mode 0600 (owner read/write only); refuses to overwrite.</summary>
    public void Save(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(_key);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>
    /// Reads a key file: opened once without following a symbolic link, then checked on the open handle (a regular
    /// file owned by this user, not accessible by group or others, exactly 32 bytes) and read from that same handle.
    /// Any broken rule throws <see cref="InvalidDataException"/> naming the file and the rule.
    /// </summary>
    public static MavlinkSigningKey Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = OwnerOnlyFile.Read(path, MavlinkSignature.KeyLength, "signing key file");
        try
        {
            if (bytes.Length != MavlinkSignature.KeyLength)
            {
                throw new InvalidDataException($"{path}: signing key file holds {bytes.Length} bytes, expected {MavlinkSignature.KeyLength}");
            }

            return new MavlinkSigningKey(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
