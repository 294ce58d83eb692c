using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>Validator helpers for options. Range checks must not run on a token that did not parse (the parser
/// already reports that error, and reading the value would throw).</summary>
public static class OptionChecks
{
    /// <summary>Adds a validator that the integer value lies in [min, max] (and, if given, is a multiple of <paramref name="multipleOf"/>).</summary>
    public static void AddIntRange(Option<int> option, int min, int max, int multipleOf = 1)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && !int.TryParse(r.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                return;
            }

            int value = r.GetValueOrDefault<int>();
            if (value < min || value > max || value % multipleOf != 0)
            {
                r.AddError(multipleOf == 1
                    ? string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be between {min} and {max}, got {value}.")
                    : string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be a multiple of {multipleOf} between {min} and {max}, got {value}."));
            }
        });
    }
}
