namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// A Moving AI benchmark map (https://movingai.com/benchmarks/formats.html): <c>type octile</c>, <c>height</c>,
/// <c>width</c>, <c>map</c>, then rows of terrain. '.', 'G' and 'S' are passable; '@', 'O', 'T' and 'W' are not
/// (water is passable only from water, which the octile benchmarks treat as blocked). Row 0 is the top; x = column.
/// </summary>
public sealed class MovingAiMap
{
    private readonly bool[] _passable;

    private MovingAiMap(int width, int height, bool[] passable)
    {
        Width = width;
        Height = height;
        _passable = passable;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row-major passability, index = y·Width + x.</summary>
    public ReadOnlySpan<bool> Passable => _passable;

    public bool IsPassable(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height && _passable[(y * Width) + x];

    public SearchGrid ToSearchGrid() => SearchGrid.FromPassability(Width, Height, _passable);

    /// <summary>Loads a map file; malformed input throws <see cref="MapFormatException"/> naming file and line.</summary>
    public static MovingAiMap Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new MapFormatException($"{path}: cannot read: {e.Message}", e) { FileName = path };
        }

        return Parse(text, path);
    }

    /// <summary>Parses map text (LF or CRLF line endings); <paramref name="fileName"/> is used in error messages.</summary>
    public static MovingAiMap Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int lineNo = 0;
        string Next(string expected)
        {
            while (lineNo < lines.Length)
            {
                string l = lines[lineNo++].TrimEnd('\r');
                if (l.Trim().Length > 0)
                {
                    return l;
                }
            }

            throw MapFormatException.At(fileName, lineNo, expected, "unexpected end of file");
        }

        string type = Next("type");
        if (!type.Trim().Equals("type octile", StringComparison.Ordinal))
        {
            throw MapFormatException.At(fileName, lineNo, "type", $"expected 'type octile', got '{type.Trim()}'");
        }

        int height = 0, width = 0;
        for (int k = 0; k < 2; k++)
        {
            string l = Next("height/width").Trim();
            string[] parts = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || (parts[0] != "height" && parts[0] != "width")
                || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int v) || v <= 0 || v > 65536)
            {
                string field = parts.Length > 0 ? parts[0] : "height";
                throw MapFormatException.At(fileName, lineNo, field, $"expected 'height N' or 'width N' with N in 1..65536, got '{l}'");
            }

            if (parts[0] == "height")
            {
                height = v;
            }
            else
            {
                width = v;
            }
        }

        if (height == 0 || width == 0)
        {
            throw MapFormatException.At(fileName, lineNo, "height/width", "both 'height' and 'width' are required");
        }

        string mapLine = Next("map").Trim();
        if (mapLine != "map")
        {
            throw MapFormatException.At(fileName, lineNo, "map", $"expected 'map', got '{mapLine}'");
        }

        // The header's size must fit in the rows actually present before anything is sized from it: a 41-byte header
        // can claim 65536 x 65536 cells.
        long cells = (long)width * height;
        long rowsPresent = lines.Length - lineNo;
        long charsPresent = text.Length;
        if (rowsPresent < height || charsPresent < cells)
        {
            throw MapFormatException.At(fileName, lineNo, "height/width",
                System.FormattableString.Invariant($"{width}x{height} needs {cells} cells in {height} rows, but the file has {rowsPresent} more lines and {charsPresent} characters"));
        }

        var passable = new bool[checked((int)cells)];
        for (int y = 0; y < height; y++)
        {
            if (lineNo >= lines.Length || lines[lineNo].TrimEnd('\r').Length == 0)
            {
                throw MapFormatException.At(fileName, lineNo, "map", $"expected {height} rows, got {y}");
            }

            string row = lines[lineNo++].TrimEnd('\r');
            if (row.Length != width)
            {
                throw MapFormatException.At(fileName, lineNo, "map", $"row {y} has {row.Length} cells, expected {width}");
            }

            for (int x = 0; x < width; x++)
            {
                char c = row[x];
                switch (c)
                {
                    case '.':
                    case 'G':
                    case 'S':
                        passable[(y * width) + x] = true;
                        break;
                    case '@':
                    case 'O':
                    case 'T':
                    case 'W':
                        break;
                    default:
                        throw MapFormatException.At(fileName, lineNo, "map", $"unknown terrain '{c}' at x={x}");
                }
            }
        }

        return new MovingAiMap(width, height, passable);
    }
}
