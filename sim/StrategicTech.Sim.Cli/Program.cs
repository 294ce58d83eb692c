using System.CommandLine;
using StrategicTech.Sim.Cli.Commands;

namespace StrategicTech.Sim.Cli;

/// <summary>
/// <c>autonomy</c>: the one command-line host for users and developers. Each verb lives in its own file under
/// <c>Commands/</c> and is registered here. Exit codes: 0 success, 1 the job ran and its checks failed,
/// 2 bad input (arguments, files).
/// </summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the CLI in-process (tests call this) with the given output writers.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        RootCommand root = BuildRoot();
        ParseResult parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = output, Error = error };
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine("error: " + ParseErrorText.Humanize(parseError.Message));
            }

            error.WriteLine("Run 'autonomy --help' (or '<verb> --help') for usage.");
            return ExitCodes.BadInput;
        }

        return parse.Invoke(config);
    }

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "autonomy — StrategicTech.Autonomy: SITL simulator, estimator replay, planners and MAVLink tools for UAVs and warehouse AMRs.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(LoopCommand.Create());
        root.Subcommands.Add(MavlinkCommand.Create());
        root.Subcommands.Add(EkfCommand.Create());
        root.Subcommands.Add(UlogCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(SitlCommand.Create());
        root.Subcommands.Add(MapfCommand.Create());
        root.Subcommands.Add(AmrCommand.Create());
        root.Subcommands.Add(VehicleCommand.Create());
        root.Subcommands.Add(CompanionCommand.Create());
        root.Subcommands.Add(FleetCommand.Create());
        return root;
    }
}
