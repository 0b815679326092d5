import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common';
import { CreateUserInput, UpdateUserInput, User, UserList, UserQuery, UserWithPassword } from '../../../common/contracts/users';
import { errorResponses, typed } from '../../core/http';
import * as usersService from './users.service';

export async function userRoutes(app: FastifyInstance) {
  const r = typed(app);

  r.get(
    '/',
    { schema: { tags: ['users'], summary: '用户列表（管辖范围内）', querystring: UserQuery, response: { 200: UserList, ...errorResponses } } },
    async (req) => usersService.listUsers(req.ctx, req.query),
  );

  r.post(
    '/',
    { schema: { tags: ['users'], summary: '创建用户', body: CreateUserInput, response: { 201: UserWithPassword, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await usersService.createUser(req.ctx, req.body)),
  );

  r.get(
    '/:id',
    { schema: { tags: ['users'], summary: '用户详情', params: IdParams, response: { 200: User, ...errorResponses } } },
    async (req) => usersService.getUser(req.ctx, req.params.id),
  );

  r.patch(
    '/:id',
    {
      schema: {
        tags: ['users'],
        summary: '修改用户：停用、重置密码、解锁、设置角色和区划',
        params: IdParams,
        body: UpdateUserInput,
        response: { 200: UserWithPassword, ...errorResponses },
      },
    },
    async (req) => usersService.updateUser(req.ctx, req.params.id, req.body),
  );
}
