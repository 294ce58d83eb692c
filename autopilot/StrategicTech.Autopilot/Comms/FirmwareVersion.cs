using System.Globalization;
using System.Reflection;

namespace StrategicTech.Autopilot.Comms;

/// <summary>
/// The version AUTOPILOT_VERSION reports, from an assembly's informational version ("1.4.2" or "1.4.2-beta+3fc01f8…"):
/// <c>flight_sw_version</c> packed as PX4 packs it (major &lt;&lt; 24 | minor &lt;&lt; 16 | patch &lt;&lt; 8 | type, type 255 for a
/// release, 0 for a development build with a pre-release tag), and <c>flight_custom_version</c> the first 8 bytes
/// of the source revision (the text after '+'), as PX4 puts its git hash there.
/// </summary>
public readonly record struct FirmwareVersion(int Major, int Minor, int Patch, bool Release, string Revision, string Text)
{
    public const byte ReleaseType = 255;
    public const byte DevelopmentType = 0;

    public uint FlightSwVersion =>
        ((uint)Math.Clamp(Major, 0, 255) << 24) | ((uint)Math.Clamp(Minor, 0, 255) << 16) | ((uint)Math.Clamp(Patch, 0, 255) << 8)
        | (Release ? ReleaseType : DevelopmentType);

    /// <summary>The version of this autopilot build (the StrategicTech.Autopilot assembly).</summary>
    public static FirmwareVersion Current { get; } = Of(typeof(FirmwareVersion).Assembly);

    public static FirmwareVersion Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        string text = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        return Parse(text);
    }

    public static FirmwareVersion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int plus = text.IndexOf('+', StringComparison.Ordinal);
        string revision = plus < 0 ? string.Empty : text[(plus + 1)..];
        string core = plus < 0 ? text : text[..plus];
        int dash = core.IndexOf('-', StringComparison.Ordinal);
        bool release = dash < 0;
        string[] parts = (dash < 0 ? core : core[..dash]).Split('.');
        return new FirmwareVersion(Part(parts, 0), Part(parts, 1), Part(parts, 2), release, revision, text);
    }

    /// <summary>The revision's first 8 characters as bytes (hex pairs when it is a hex hash), zero-padded.</summary>
    public void WriteCustomVersion(Span<byte> destination8)
    {
        destination8.Clear();
        string r = Revision;
        bool hex = r.Length >= 16 && r.Take(16).All(Uri.IsHexDigit);
        for (int i = 0; i < Math.Min(8, destination8.Length); i++)
        {
            if (hex)
            {
                destination8[i] = byte.Parse(r.AsSpan(2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
            else if (i < r.Length)
            {
                destination8[i] = (byte)r[i];
            }
        }
    }

    private static int Part(string[] parts, int i) =>
        i < parts.Length && int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : 0;
}
