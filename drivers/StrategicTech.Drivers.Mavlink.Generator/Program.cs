namespace StrategicTech.Drivers.Mavlink.Generator;

/// <summary>Entry point of the MAVLink code generator (being written; see issue 3).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: StrategicTech.Drivers.Mavlink.Generator <definitions-dir> <output-dir>");
        return args.Length == 0 ? 2 : 0;
    }
}
