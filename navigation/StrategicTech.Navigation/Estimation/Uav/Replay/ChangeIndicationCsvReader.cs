using System.Globalization;

namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>
/// Reads PX4's change-indication CSV: header <c>Timestamp,state[0..23],variance[0..23]</c>, then 49 numbers per
/// row. A malformed line throws <see cref="ReplayFormatException"/> naming file and line.
/// </summary>
public static class ChangeIndicationCsvReader
{
    private const int StateCount = 24;

    public static List<ChangeIndicationRow> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static List<ChangeIndicationRow> Read(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<ChangeIndicationRow>();
        string? header = reader.ReadLine();
        if (header == null || !header.StartsWith("Timestamp,state[0]", StringComparison.Ordinal))
        {
            throw new ReplayFormatException(fileName, 1, "expected header 'Timestamp,state[0],...,variance[23]'");
        }

        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] parts = line.Split(',');
            if (parts.Length != 1 + (2 * StateCount))
            {
                throw new ReplayFormatException(fileName, lineNumber, $"expected {1 + (2 * StateCount)} columns, got {parts.Length}");
            }

            if (!long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long timeUs))
            {
                throw new ReplayFormatException(fileName, lineNumber, $"Timestamp '{parts[0]}' is not an integer");
            }

            var state = new double[StateCount];
            var variance = new double[StateCount];
            for (int i = 0; i < 2 * StateCount; i++)
            {
                if (!double.TryParse(parts[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x))
                {
                    string column = i < StateCount ? $"state[{i}]" : $"variance[{i - StateCount}]";
                    throw new ReplayFormatException(fileName, lineNumber, $"{column} '{parts[i + 1]}' is not a finite number");
                }

                if (i < StateCount)
                {
                    state[i] = x;
                }
                else
                {
                    variance[i - StateCount] = x;
                }
            }

            rows.Add(new ChangeIndicationRow(timeUs, state, variance));
        }

        return rows;
    }
}
