using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StrategicTech.Fleet.Core;
using StrategicTech.Fleet.Orders;

namespace StrategicTech.Fleet.Api;

/// <summary>
/// The HTTP/JSON API a warehouse management system and operators use: orders (POST answers 201 only after the
/// order is durably stored; GET reports each order as the store has committed it), robots, and pause / resume /
/// e-stop for one robot, a zone of cells or the whole fleet.
/// </summary>
public static class FleetApi
{
    /// <param name="onCommand">Told of every pause / resume / estop after the manager (verb, robots): the 3.0 zone grants follow e-stops.</param>
    public static IEndpointRouteBuilder MapFleetApi(this IEndpointRouteBuilder app, FleetManager manager, Action<string, IReadOnlyList<string>>? onCommand = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(manager);
        app.MapPost("/orders", async (OrderRequest request, CancellationToken cancellation) =>
        {
            if (string.IsNullOrEmpty(request.From) || string.IsNullOrEmpty(request.To))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { [string.IsNullOrEmpty(request.From) ? "from" : "to"] = ["required"] });
            }

            if (request.Id is { Length: > 128 })
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["longer than 128 characters"] });
            }

            try
            {
                var (order, created) = await manager.AcceptAsync(request.Id, request.From, request.To, request.Load, request.Priority ?? 0, request.Deadline, cancellation).ConfigureAwait(false);
                bool sameRequest = request.Id is null || (order.From == request.From && order.To == request.To && order.Load == (request.Load ?? string.Empty)
                    && order.Priority == (request.Priority ?? 0) && order.Deadline == TransportOrder.ToMicroseconds(request.Deadline));
                if (!sameRequest)
                {
                    return Results.Conflict(OrderView.Of(order));
                }

                return created ? Results.Created($"/orders/{order.Id}", OrderView.Of(order)) : Results.Ok(OrderView.Of(order));
            }
            catch (ArgumentException e)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["from/to"] = [e.Message] });
            }
        }).WithName("PostOrder").Produces<OrderView>(StatusCodes.Status201Created).Produces<OrderView>().Produces<OrderView>(StatusCodes.Status409Conflict).ProducesValidationProblem();

        // Orders as the store has committed them: a phase a client sees survives a kill (the manager may be a step ahead in memory).
        app.MapGet("/orders", () => manager.CommittedOrders().Select(OrderView.Of)).WithName("GetOrders");
        app.MapGet("/orders/{id}", (string id) => manager.CommittedOrder(id) is { } o ? Results.Ok(OrderView.Of(o)) : Results.NotFound())
            .WithName("GetOrder").Produces<OrderView>().Produces(StatusCodes.Status404NotFound);
        app.MapDelete("/orders/{id}", async (string id) =>
            await manager.CancelAsync(id).ConfigureAwait(false) ? Results.NoContent()
            : manager.CommittedOrder(id) is { } o ? Results.Conflict(OrderView.Of(o))
            : Results.NotFound())
            .WithName("CancelOrder").Produces(StatusCodes.Status204NoContent).Produces(StatusCodes.Status404NotFound).Produces<OrderView>(StatusCodes.Status409Conflict);

        app.MapGet("/robots", () => manager.Robots().Select(r => RobotView.Of(r, manager.Site))).WithName("GetRobots");

        foreach (string verb in new[] { "pause", "resume", "estop" })
        {
            app.MapPost($"/robots/{{serialNumber}}/{verb}", (string serialNumber) =>
                manager.AllRobots().Contains(serialNumber) ? Results.Ok(Command(manager, verb, [serialNumber], onCommand)) : Results.NotFound())
                .WithName($"Robot{verb}").Produces<CommandResult>().Produces(StatusCodes.Status404NotFound);
            app.MapPost($"/zone/{verb}", (ZoneRequest zone) => Results.Ok(Command(manager, verb, manager.RobotsInZone(zone.X0, zone.Y0, zone.X1, zone.Y1), onCommand)))
                .WithName($"Zone{verb}").Produces<CommandResult>();
            app.MapPost($"/fleet/{verb}", () => Results.Ok(Command(manager, verb, manager.AllRobots(), onCommand)))
                .WithName($"Fleet{verb}").Produces<CommandResult>();
        }

        return app;
    }

    private static CommandResult Command(FleetManager manager, string verb, IReadOnlyList<string> robots, Action<string, IReadOnlyList<string>>? onCommand)
    {
        var result = new CommandResult(verb switch
        {
            "pause" => manager.Pause(robots, emergency: false),
            "estop" => manager.Pause(robots, emergency: true),
            _ => manager.Resume(robots),
        });
        onCommand?.Invoke(verb, robots);
        return result;
    }
}
