using System.Globalization;

namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>
/// Reads PX4-ECL's replay CSV (<c>time_us,kind,values...</c>, no header; kinds imu, mag, baro, gps, airspeed,
/// landed). A malformed line throws <see cref="ReplayFormatException"/> naming file and line.
/// </summary>
public static class Px4ReplayCsvReader
{
    public static List<ReplayRecord> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static List<ReplayRecord> Read(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = new List<ReplayRecord>();
        Span<double> v = stackalloc double[6];
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] parts = line.Split(',');
            if (parts.Length < 2)
            {
                throw new ReplayFormatException(fileName, lineNumber, $"expected 'time_us,kind,...', got '{Shorten(line)}'");
            }

            if (!long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long timeUs) || timeUs < 0)
            {
                throw new ReplayFormatException(fileName, lineNumber, $"time_us '{Shorten(parts[0])}' is not a non-negative integer");
            }

            (ReplayRecordKind kind, int count) = parts[1] switch
            {
                "imu" => (ReplayRecordKind.Imu, 6),
                "mag" => (ReplayRecordKind.Mag, 3),
                "baro" => (ReplayRecordKind.Baro, 1),
                "gps" => (ReplayRecordKind.Gps, 6),
                "airspeed" => (ReplayRecordKind.Airspeed, 2),
                "landed" => (ReplayRecordKind.Landed, 1),
                _ => throw new ReplayFormatException(fileName, lineNumber, $"unknown kind '{Shorten(parts[1])}'"),
            };
            if (parts.Length != count + 2)
            {
                throw new ReplayFormatException(fileName, lineNumber, $"'{parts[1]}' needs {count} values, got {parts.Length - 2}");
            }

            v.Clear();
            for (int i = 0; i < count; i++)
            {
                if (!double.TryParse(parts[i + 2], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
                {
                    throw new ReplayFormatException(fileName, lineNumber, $"value {i + 1} of '{parts[1]}' ('{Shorten(parts[i + 2])}') is not a finite number");
                }
            }

            records.Add(new ReplayRecord(timeUs, kind, v[0], v[1], v[2], v[3], v[4], v[5]));
        }

        return records;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
