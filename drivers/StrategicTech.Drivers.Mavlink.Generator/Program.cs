namespace StrategicTech.Drivers.Mavlink.Generator;

/// <summary>
/// Entry point: <c>StrategicTech.Drivers.Mavlink.Generator &lt;definitions-dir&gt; &lt;output-dir&gt; [dialect ...]</c>.
/// The logic lives in <see cref="GeneratorRunner"/> so tests run it in-process.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: StrategicTech.Drivers.Mavlink.Generator <definitions-dir> <output-dir> [dialect ...]");
            Console.Error.WriteLine("  default dialects: " + string.Join(' ', GeneratorRunner.DefaultDialects));
            return 2;
        }

        try
        {
            int count = GeneratorRunner.Run(args[0], args[1], args.Length > 2 ? args[2..] : null);
            Console.WriteLine($"wrote {count} files to {args[1]}");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Xml.XmlException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 2;
        }
    }
}
