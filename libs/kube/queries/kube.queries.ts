import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '#libs/platform/domain/index.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import { kubeDecider } from '../domain/index.js';
import { kubeStream } from '../kube-streams.js';
import type { KubeDto } from './kube.response.dto.js';

export class GetKubeQuery extends Query<KubeDto> {
  constructor(
    readonly kubeId: string,
    /** ISO time: the group as it stood then, from the events recorded until then. */
    readonly asOf?: string,
  ) {
    super();
  }
}

@QueryHandler(GetKubeQuery)
export class GetKubeHandler implements IQueryHandler<GetKubeQuery> {
  constructor(
    private readonly reader: StreamReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ kubeId, asOf }: GetKubeQuery): Promise<KubeDto> {
    const { state: folded, revision } = await this.reader.stateAt(kubeStream(kubeId), kubeDecider, asOf);
    // The entries as folded stay inside (ADR 0019): the group's state is its own fields.
    const { revocations: _entries, ...state } = folded;
    if (revision === undefined)
      throw notFound(
        asOf ? 'KUBE.NOT_FOUND_AT_THAT_TIME' : 'KUBE.NOT_FOUND',
        `No Kube ${kubeId}${asOf ? ` at ${asOf}` : ''}`,
      );
    const [formed] = (await this.store.readStream(kubeStream(kubeId), { limit: 1 })) as [
      RecordedEvent<
        'KubeFormed',
        { name: string; businessType: string; kecamatan: string; kelurahan: string; formedOn: string }
      >,
    ];
    const { name, businessType, kecamatan, kelurahan, formedOn } = formed.data;
    return {
      id: kubeId,
      ...(asOf ? { asOf: new Date(asOf).toISOString() } : {}),
      revision,
      name,
      businessType,
      kecamatan,
      kelurahan,
      formedOn,
      ...state,
    };
  }
}
