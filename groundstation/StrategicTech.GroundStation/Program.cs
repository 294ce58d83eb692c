namespace StrategicTech.GroundStation;

internal static class Program
{
    private static int Main(string[] args) => App.GroundStationMain.Run(args, Console.Out, Console.Error);
}
