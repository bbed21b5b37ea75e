using Bootstrap.Api.Auth;
using Bootstrap.Api.Common;
using Bootstrap.Api.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Influx.Resources;

[ApiController]
[Authorize]
[Route("api/v2/me")]
public sealed class InfluxMeController(BootstrapDbContext db) : ControllerBase
{
    [HttpGet]
    public async Task<InfluxUser> GetMe(CancellationToken cancellationToken)
    {
        var userId = User.UserId();
        var user = HttpContext.Features.Get<TokenMatch>()?.User
            ?? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new ApiException(ApiError.Unauthorized());
        return InfluxPresenter.User(user);
    }
}
