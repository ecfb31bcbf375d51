import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type FieldError, NotFoundError } from '../../platform/http/errors.ts';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { localToIso } from '../../platform/i18n/dates.ts';
import { sendPage } from '../../platform/views/render.tsx';
import * as committees from './committees.service.ts';
import { PLAN_ROLES } from './plan.policy.ts';
import { CommitteeListPage, CommitteePage, MeetingPage } from './views/committee.views.tsx';

// Agencies' e-transactions committees: the list (every agency for the office and leadership, their own
// for agency staff), an agency's committee and a meeting. The services decide who reads (another
// agency gets a 404) and who keeps (the agency's administrator; anyone else a 403).

type Values = Record<string, unknown>;

export async function committeePages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const everyone = { config: { access: { roles: PLAN_ROLES } } };

  app.get('/console/plans/committees', everyone, async (req, reply) =>
    sendPage(req, reply, <CommitteeListPage {...(await committees.committeeOverview(deps, req.ctx))} />),
  );

  const committeePage = async (req: FastifyRequest, agencyId: number, values?: Values, errors?: FieldError[]) => {
    const d = await committees.getCommittee(deps, req.ctx, agencyId);
    const accounts = d.canKeep && d.committee ? await committees.agencyAccounts(deps, agencyId) : [];
    return <CommitteePage {...d} accounts={accounts} values={values} errors={errors} />;
  };
  app.get('/console/plans/committees/:id', everyone, async (req, reply) => sendPage(req, reply, await committeePage(req, idParam(req))));

  /** A form posted on the committee page: the action, then back to the page (or the page with its errors). */
  const committeeForm = (path: string, act: (req: FastifyRequest, committeeId: number, values: Values) => Promise<unknown>) =>
    app.post(path, everyone, async (req, reply) => {
      const agencyId = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          const d = await committees.getCommittee(deps, req.ctx, agencyId);
          await act(req, d.committee?.id ?? 0, values);
          return `/console/plans/committees/${agencyId}`;
        },
        flash: 'plan.flash.saved',
        rerender: (errors) => committeePage(req, agencyId, values, errors),
      });
    });
  app.post('/console/plans/committees/:id', everyone, async (req, reply) => {
    const agencyId = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await committees.saveCommittee(deps, req.ctx, agencyId, values);
        return `/console/plans/committees/${agencyId}`;
      },
      flash: 'plan.flash.saved',
      rerender: (errors) => committeePage(req, agencyId, values, errors),
    });
  });
  committeeForm('/console/plans/committees/:id/members', (req, id, values) => committees.addMember(deps, req.ctx, id, values));
  committeeForm('/console/plans/committees/:id/meetings', (req, id, values) =>
    committees.addMeeting(deps, req.ctx, id, {
      ...values,
      held_at: localToIso(values.held_at as string | undefined, deps.config.timeZone),
    }),
  );

  const memberAction = (path: string, act: (req: FastifyRequest, id: number) => Promise<{ committee_id: number }>) =>
    app.post(path, everyone, async (req, reply) =>
      handleForm(req, reply, {
        action: async () => {
          const member = await act(req, idParam(req));
          const d = await committees.committeeOfMember(deps, req.ctx, member.committee_id);
          return `/console/plans/committees/${d.agency_id}`;
        },
        flash: 'plan.flash.saved',
        rerender: () => {
          throw new NotFoundError();
        },
      }),
    );
  memberAction('/console/plans/committee-members/:id/chair', (req, id) => committees.makeChair(deps, req.ctx, id));
  memberAction('/console/plans/committee-members/:id/remove', (req, id) => committees.removeMember(deps, req.ctx, id));

  const meetingPage = async (req: FastifyRequest, id: number, values?: Values, errors?: FieldError[]) => (
    <MeetingPage {...(await committees.getMeeting(deps, req.ctx, id))} values={values} errors={errors} />
  );
  app.get('/console/plans/committee-meetings/:id', everyone, async (req, reply) =>
    sendPage(req, reply, await meetingPage(req, idParam(req))),
  );
  const meetingForm = (path: string, act: (req: FastifyRequest, id: number, values: Values) => Promise<unknown>) =>
    app.post(path, everyone, async (req, reply) => {
      const id = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await act(req, id, values);
          return `/console/plans/committee-meetings/${id}`;
        },
        flash: 'plan.flash.saved',
        rerender: (errors) => meetingPage(req, id, values, errors),
      });
    });
  meetingForm('/console/plans/committee-meetings/:id/minutes', (req, id, values) => committees.recordMinutes(deps, req.ctx, id, values));
  meetingForm('/console/plans/committee-meetings/:id/attendance', (req, id, values) =>
    committees.recordAttendance(deps, req.ctx, id, values),
  );
  meetingForm('/console/plans/committee-meetings/:id/decisions', (req, id, values) => committees.addDecision(deps, req.ctx, id, values));

  for (const [step, done] of [
    ['done', true],
    ['reopen', false],
  ] as const)
    app.post(`/console/plans/committee-actions/:id/${step}`, everyone, async (req, reply) =>
      handleForm(req, reply, {
        action: async () => {
          const action = await committees.setActionDone(deps, req.ctx, idParam(req), done);
          return `/console/plans/committee-meetings/${action.meeting_id}`;
        },
        flash: 'plan.flash.saved',
        rerender: () => {
          throw new NotFoundError();
        },
      }),
    );
}
